import type { ReactNode } from 'react';

/**
 * Swedish phone numbers as they are written in prose ("020-50 50 50", "08-123 45 67", "112"): a
 * leading 0 and at least six digits in groups, or the emergency number on its own.
 */
const PHONE = /(?<![\d+])(?:0\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2,3}){1,3}|112)(?![\d])/g;
/** A run of Latin-script words inside right-to-left text (a name such as "Kvinnofridslinjen"). */
const LATIN_RUN = /[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*(?:\s+[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*)*/g;

/**
 * Prose with every phone number a `tel:` link isolated left to right — in Arabic prose the digit
 * groups of 020-50 50 50 were laid out in the wrong order, and a client could dial a wrong number
 * (issue 21) — and, in right-to-left text, every Latin-script name isolated too. Text stays
 * escaped by React.
 */
export function Prose({ text, rtl = false }: { text: string; rtl?: boolean }): ReactNode {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    nodes.push(...latinRuns(text.slice(last, match.index), rtl, nodes.length));
    nodes.push(
      <a key={`tel${match.index}`} href={`tel:${match[0].replace(/\D/g, '')}`} dir="ltr">
        {match[0]}
      </a>,
    );
    last = match.index + match[0].length;
  }
  nodes.push(...latinRuns(text.slice(last), rtl, nodes.length));
  return nodes;
}

function latinRuns(text: string, rtl: boolean, keyBase: number): ReactNode[] {
  if (!rtl || text === '') return text === '' ? [] : [text];
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(LATIN_RUN)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    nodes.push(<bdi key={`bdi${keyBase}-${match.index}`}>{match[0]}</bdi>);
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

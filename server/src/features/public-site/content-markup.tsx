import type { ReactNode } from 'react';
import { Prose } from './prose.tsx';

/**
 * The managed pages' text format, kept deliberately small so editors cannot break the page or
 * inject markup: a blank line separates blocks; `## ` starts a heading; lines starting with `- `
 * form a list; everything else is a paragraph. Text is escaped by React; phone numbers become
 * isolated `tel:` links, and in right-to-left text Latin-script names are isolated (prose.tsx).
 */
export function renderContent(body: string, rtl = false): ReactNode[] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .flatMap((block, index) => {
      const lines = block.split('\n');
      const nodes: ReactNode[] = [];
      let rest = lines;
      if (lines[0]?.startsWith('## ')) {
        nodes.push(<h2 key={`h${index}`}>{lines[0].slice(3).trim()}</h2>);
        rest = lines.slice(1);
      }
      if (rest.length === 0) return nodes;
      if (rest.every((line) => line.startsWith('- '))) {
        nodes.push(
          <ul key={`l${index}`}>
            {rest.map((line, item) => (
              <li key={item}>
                <Prose text={line.slice(2).trim()} rtl={rtl} />
              </li>
            ))}
          </ul>,
        );
      } else {
        nodes.push(
          <p key={`p${index}`}>
            <Prose text={rest.join(' ')} rtl={rtl} />
          </p>,
        );
      }
      return nodes;
    });
}

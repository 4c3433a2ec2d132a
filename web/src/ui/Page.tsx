import { useEffect, useRef, type ReactNode } from 'react';
import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';

type PageProps = {
  /** The h1 and the start of the document title. */
  title: string;
  /** When the page shows validation errors, the title starts with "Fel: " (GOV.UK pattern). */
  hasErrors?: boolean;
  lead?: ReactNode;
  children: ReactNode;
};

/**
 * The first page after a full load leaves focus where the browser puts it (the start of the
 * document), so the skip link is the first Tab stop, as on any server-rendered page.
 */
let firstPageShown = false;

/**
 * Every staff page: sets the document title and, after a client-side navigation, moves focus to
 * the heading so screen-reader users hear where they arrived.
 */
export function Page({ title, hasErrors = false, lead, children }: PageProps) {
  const t = useMessages(appMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${hasErrors ? t.errorPrefix : ''}${title} – ${t.appName}`;
  }, [title, hasErrors, t]);
  useEffect(() => {
    if (!firstPageShown) {
      firstPageShown = true;
      return;
    }
    if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="page-heading">
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
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
 * The address the app was loaded at. A page shown there leaves focus where the browser puts it
 * (the start of the document, so the skip link is the first Tab stop) — also when it is rendered
 * again, e.g. after the session has loaded. Only a client-side navigation moves focus.
 */
let loadedAt: string | undefined;

/**
 * Every staff page: sets the document title and, after a client-side navigation, moves focus to
 * the heading so screen-reader users hear where they arrived (the GOV.UK advice for single-page
 * apps).
 */
export function Page({ title, hasErrors = false, lead, children }: PageProps) {
  const t = useMessages(appMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  loadedAt ??= key;
  useEffect(() => {
    document.title = `${hasErrors ? t.errorPrefix : ''}${title} – ${t.appName}`;
  }, [title, hasErrors, t]);
  useEffect(() => {
    if (key === loadedAt) return;
    // Unless the new page already put focus in its content (e.g. an error summary), the user
    // hears where they arrived — also when they came by the menu, whose link keeps focus.
    const active = document.activeElement;
    if (active && active !== document.body && active.closest('main')) return;
    heading.current?.focus();
  }, [key]);
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

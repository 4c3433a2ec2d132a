import { Link } from 'react-router';
import { ApiProblem } from '../app/api.ts';
import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';
import { Page } from './Page.tsx';

/**
 * A page that could not load: "not found" (also for another organisation's record — the server
 * answers both the same), "not allowed", or a general error. It never shows what was asked for.
 */
export function ProblemPage({ error }: { error: unknown }) {
  const t = useMessages(appMessages);
  const status = error instanceof ApiProblem ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t.errors.notFoundHeading, t.errors.notFoundText]
      : status === 403
        ? [t.errors.forbiddenHeading, error instanceof ApiProblem && error.problem.detail ? error.problem.detail : t.errors.forbiddenText]
        : [t.errors.genericHeading, t.errors.generic];
  return (
    <Page title={title}>
      <p>{text}</p>
      <p>
        <Link to="/">{t.nav.home}</Link>
      </p>
    </Page>
  );
}

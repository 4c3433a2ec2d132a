import type { Decision } from '#shared/contracts/collaboration.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { collaborationMessages } from './messages.ts';

/**
 * A decision's due date, and when it has passed with the decision still open or in progress a
 * marker that says so in words, not by colour alone (issue 22).
 */
export function DecisionDue({ decision }: { decision: Pick<Decision, 'dueOn' | 'overdue'> }) {
  const t = useMessages(collaborationMessages);
  const { locale } = useLocale();
  if (!decision.dueOn) return <>{t.common.none}</>;
  return (
    <>
      {formatDate(decision.dueOn, locale)}
      {decision.overdue ? (
        <>
          {' '}
          <span className="status-tag status-tag--warning">
            <span aria-hidden="true">⚠ </span>
            {t.meeting.overdue}
          </span>
        </>
      ) : null}
    </>
  );
}

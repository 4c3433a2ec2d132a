import type { ReactNode } from 'react';

/** Key–value pairs, e.g. the check-answers step (FKUI definition list). */
export function SummaryList({ rows }: { rows: Array<{ key: string; value: ReactNode; action?: ReactNode }> }) {
  return (
    <dl className="definition-list summary-list">
      {rows.map((row) => (
        <div key={row.key} className="summary-list__row">
          <dt className="definition-list__term">{row.key}</dt>
          <dd className="definition-list__definition">
            {row.value}
            {row.action ? <span className="summary-list__action">{row.action}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

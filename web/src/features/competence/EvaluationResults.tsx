import type { RoundResults } from '#shared/contracts/surveys.ts';
import { useMessages } from '../../app/locale.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { competenceMessages } from './messages.ts';

/**
 * An evaluation's results for the organisers: counts per answer and the free text. Shown only in
 * the organiser's own view, so the counts are not suppressed (ADR 0044); anything shared beyond it
 * must pass the disclosure kernel first.
 */
export function EvaluationResults({ questions }: { questions: RoundResults['questions'] }) {
  const t = useMessages(competenceMessages).event;
  return (
    <>
      {questions.map((question) => (
        <div key={question.id}>
          {question.options.length > 0 ? (
            <DataTable
              caption={question.text}
              rows={question.options}
              rowKey={(option) => `${option.area ?? ''}-${option.value}`}
              columns={[
                { key: 'answer', header: t.answer, render: (option) => option.label },
                { key: 'count', header: t.count, numeric: true, render: (option) => option.count },
              ]}
            />
          ) : null}
          {question.freeText.length > 0 ? (
            <>
              <h3>{`${t.freeText}: ${question.text}`}</h3>
              <ul>
                {question.freeText.map((entry, index) => (
                  <li key={`${question.id}-${index}`}>{entry.text}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ))}
    </>
  );
}

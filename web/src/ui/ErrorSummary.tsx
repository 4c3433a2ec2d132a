import { useEffect, useRef } from 'react';
import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';

export type SummaryError = { fieldId: string; message: string };

/**
 * The error summary (GOV.UK pattern): listed at the top of the form, focused when it appears,
 * each message a link to its field.
 */
export function ErrorSummary({ errors, heading }: { errors: SummaryError[]; heading?: string }) {
  const t = useMessages(appMessages);
  const box = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.fieldId}:${e.message}`).join('|');
  useEffect(() => {
    if (errors.length > 0) box.current?.focus();
  }, [signature, errors.length]);
  if (errors.length === 0) return null;
  return (
    <div ref={box} className="message-box message-box--error error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-heading">
      <div className="message-box__content">
        <h2 id="error-summary-heading" className="message-box__heading">
          {heading ?? t.errors.summaryHeading}
        </h2>
        <ul className="error-list__list">
          {errors.map((error) => (
            <li key={`${error.fieldId}-${error.message}`} className="error-list__link">
              <a
                href={`#${error.fieldId}`}
                onClick={(event) => {
                  const field = document.getElementById(error.fieldId);
                  if (field) {
                    event.preventDefault();
                    field.focus();
                    field.scrollIntoView({ block: 'center' });
                  }
                }}
              >
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

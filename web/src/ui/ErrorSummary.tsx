import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';

export type SummaryError = { fieldId: string; message: string };

/**
 * The error summary (GOV.UK pattern): listed at the top of the form, focused when it appears,
 * each message a link to its field. Each message names its field ("E-postadress: Fältet måste
 * fyllas i"), taken from the field's own label (`data-field-label`, ui/fields.tsx), so a general
 * message never stands alone three times over.
 */
export function ErrorSummary({ errors, heading }: { errors: SummaryError[]; heading?: string }) {
  const t = useMessages(appMessages);
  const box = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.fieldId}:${e.message}`).join('|');
  const [labels, setLabels] = useState<Record<string, string>>({});
  // The fields render after the summary, so their labels are read once the page is laid out.
  useLayoutEffect(() => {
    const found: Record<string, string> = {};
    for (const { fieldId } of errors) {
      const text = document.querySelector(`[data-field-label="${CSS.escape(fieldId)}"]`)?.textContent?.trim();
      if (text) found[fieldId] = text;
    }
    setLabels((current) => (JSON.stringify(current) === JSON.stringify(found) ? current : found));
  }, [signature]);
  useEffect(() => {
    if (errors.length > 0) box.current?.focus();
  }, [signature, errors.length]);
  const named = (error: SummaryError) => {
    const label = labels[error.fieldId];
    if (!label || error.message.includes(label)) return error.message;
    // A label that is a question already ends its sentence: "Varför …? Fältet måste fyllas i".
    return /[?:.!]$/.test(label) ? `${label} ${error.message}` : `${label}: ${error.message}`;
  };
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
                {named(error)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

import { useEffect, useState, type ChangeEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { formatNumber } from '#shared/format/number.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { useLocale, useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';

/**
 * Form fields in FKUI markup with GOV.UK behaviour: label, optional hint, inline error with an
 * "Error:" prefix for screen readers, `aria-invalid` and `aria-describedby` wired up.
 */
type FieldBase = { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined };

function LabelText({ id, label, hint, error }: FieldBase) {
  const t = useMessages(appMessages);
  return (
    <>
      <span data-field-label={id}>{label}</span>
      {hint ? (
        <span className="label__description" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="label__message label__message--error" id={`${id}-error`}>
          <span className="visually-hidden">{t.errorPrefix}</span>
          {error}
        </span>
      ) : null}
    </>
  );
}

function describedBy({ id, hint, error }: FieldBase): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField(props: FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> & { onValue(value: string): void }) {
  const { id, label, hint, error, onValue, className, ...input } = props;
  return (
    <div className={`text-field${error ? ' text-field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="label" htmlFor={id}>
        <LabelText id={id} label={label} hint={hint} error={error} />
      </label>
      <div className="text-field__input-wrapper">
        <div className="text-field__icon-wrapper">
          <input
            {...input}
            id={id}
            className="text-field__input"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(props)}
            onChange={(event: ChangeEvent<HTMLInputElement>) => onValue(event.target.value)}
          />
        </div>
      </div>
    </div>
  );
}

export function TextArea(
  props: FieldBase &
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'maxLength' | 'value'> & {
      value: string;
      /** A character count (GOV.UK): typing and pasting past it is allowed, and the form refuses it with an error. */
      maxCharacters?: number;
      onValue(value: string): void;
    },
) {
  const { id, label, hint, error, onValue, maxCharacters, ...textarea } = props;
  const described = [describedBy(props), maxCharacters ? `${id}-limit` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`textarea-field${error ? ' textarea-field--error' : ''}`}>
      <label className="label" htmlFor={id}>
        <LabelText id={id} label={label} hint={hint} error={error} />
      </label>
      <textarea
        {...textarea}
        id={id}
        className="textarea-field__textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => onValue(event.target.value)}
      />
      {maxCharacters ? <CharacterCount id={id} length={props.value.length} limit={maxCharacters} /> : null}
    </div>
  );
}

/** How long a screen reader waits after typing stops before it hears the count (as GOV.UK's). */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

function CharacterCount({ id, length, limit }: { id: string; length: number; limit: number }) {
  const t = useMessages(appMessages);
  const { locale } = useLocale();
  const number = (value: number) => formatNumber(value, locale);
  const remaining = limit - length;
  const count = t.characterCount;
  const text =
    remaining >= 0
      ? remaining === 1
        ? count.leftOne
        : interpolate(count.left, { count: number(remaining) })
      : remaining === -1
        ? count.overOne
        : interpolate(count.over, { count: number(-remaining) });
  const [announced, setAnnounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(text), COUNT_ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <>
      <span id={`${id}-limit`} className="visually-hidden">
        {interpolate(count.limit, { limit: number(limit) })}
      </span>
      <p className={`character-count${remaining < 0 ? ' character-count--over' : ''}`} aria-hidden="true">
        {text}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </>
  );
}

export type Option = { value: string; label: string; hint?: string };

export function SelectField(
  props: FieldBase &
    Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange'> & { options: Option[]; placeholder?: string; onValue(value: string): void },
) {
  const { id, label, hint, error, onValue, options, placeholder, ...select } = props;
  return (
    <div className={`select-field${error ? ' select-field--error' : ''}`}>
      <label className="label" htmlFor={id}>
        <LabelText id={id} label={label} hint={hint} error={error} />
      </label>
      <div className="select-field__icon-wrapper">
        <select
          {...select}
          id={id}
          className="select-field__select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(props)}
          onChange={(event) => onValue(event.target.value)}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A group of radios or checkboxes in a fieldset; the legend is the question. */
export function ChoiceGroup(
  props: FieldBase & {
    type: 'radio' | 'checkbox';
    name: string;
    options: Option[];
    value: string[];
    onValue(value: string[]): void;
    legendAsHeading?: boolean;
  },
) {
  const { id, label, hint, error, type, name, options, value, onValue, legendAsHeading } = props;
  const t = useMessages(appMessages);
  const kind = type === 'radio' ? 'radio-button' : 'checkbox';
  return (
    <fieldset className={`fieldset${error ? ' fieldset--error' : ''}`} aria-describedby={describedBy(props)}>
      <legend className="fieldset__label label">
        {legendAsHeading ? (
          <span className="legend-heading" data-field-label={id}>
            {label}
          </span>
        ) : (
          <span data-field-label={id}>{label}</span>
        )}
        {hint ? (
          <span className="label__description" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="label__message label__message--error" id={`${id}-error`}>
            <span className="visually-hidden">{t.errorPrefix}</span>
            {error}
          </span>
        ) : null}
      </legend>
      <div className="fieldset__content">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          const checked = value.includes(option.value);
          return (
            <div key={option.value} className={kind}>
              <input
                id={optionId}
                className={`${kind}__input`}
                type={type}
                name={name}
                value={option.value}
                checked={checked}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                onChange={(event) => {
                  if (type === 'radio') onValue([option.value]);
                  else onValue(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value));
                }}
              />
              <label className={`${kind}__label`} htmlFor={optionId}>
                {option.label}
                {option.hint ? (
                  <span className={`${kind}__details`} id={`${optionId}-hint`}>
                    {option.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

import { useState } from 'react';
import { importResult, type ImportResult } from '#shared/contracts/follow-up.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { followUpPageMessages } from './messages.ts';

/** A CSV import with a preview first: errors by line, and all or nothing (like the directory import). */
export function CsvImport({
  id,
  url,
  heading,
  label,
  hint,
  onImported,
}: {
  id: string;
  url: string;
  heading: string;
  label: string;
  hint: string;
  onImported(): void;
}) {
  const t = useMessages(followUpPageMessages).regional;
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const send = (dryRun: boolean) =>
    void (async () => {
      const checked = await api.post(`${url}${dryRun ? '?dryRun=true' : ''}`, { csv }, importResult);
      setResult(checked);
      if (!dryRun && checked.errors.length === 0) onImported();
    })();
  const errors = (result?.errors ?? []).map((error) => ({ fieldId: id, message: interpolate(t.lineError, { line: error.line, message: error.message }) }));
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ErrorSummary errors={errors} />
      {result && result.errors.length === 0 ? (
        <MessageBox variant="success" live>
          <p>{interpolate(result.dryRun ? t.previewOk : t.imported, { rows: result.rows })}</p>
        </MessageBox>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          send(false);
        }}
      >
        <TextArea id={id} label={label} hint={hint} rows={8} value={csv} error={errors[0]?.message} onValue={setCsv} />
        <div className="form-actions">
          <Button variant="secondary" onClick={() => send(true)}>
            {t.preview}
          </Button>
          <Button type="submit">{t.import}</Button>
        </div>
      </form>
    </section>
  );
}

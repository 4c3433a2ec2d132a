import { useCallback, useState } from 'react';
import { importApplied, importPreview, importStarted, type ImportPreview } from '#shared/contracts/directory.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup } from '../../ui/fields.tsx';
import { JobProgress } from '../../ui/JobProgress.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { directoryPageMessages } from './messages.ts';

/** Upload → background check → preview line by line → apply all or nothing. */
export default function ImportPage() {
  const t = useMessages(directoryPageMessages).import;
  const [format, setFormat] = useState<'csv' | 'hsds_json'>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [started, setStarted] = useState<{ importId: string; jobId: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [options, setOptions] = useState<string[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [applied, setApplied] = useState<string | null>(null);

  const onDone = useCallback(async () => {
    if (started) setPreview(await api.get(`/api/v1/directory/imports/${started.importId}`, importPreview));
  }, [started]);

  async function upload() {
    setErrors([]);
    setPreview(null);
    setApplied(null);
    if (!file) {
      setErrors([{ fieldId: 'import-file', message: t.fileHint }]);
      return;
    }
    // The WHATWG decoder turns bytes that are not UTF-8 into U+FFFD; the server then names the problem.
    const content = new TextDecoder('utf-8').decode(await file.arrayBuffer());
    try {
      setStarted(await api.post('/api/v1/directory/imports', { format, content, filename: file.name }, importStarted));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors([{ fieldId: 'import-file', message: error.problem.detail ?? error.problem.title }]);
    }
  }

  async function apply() {
    if (!preview) return;
    setErrors([]);
    try {
      const result = await api.post(
        `/api/v1/directory/imports/${preview.id}/apply`,
        { onlyValidRows: options.includes('only-valid'), verify: options.includes('verify') },
        importApplied,
      );
      setApplied(interpolate(t.applied, result));
      setPreview(await api.get(`/api/v1/directory/imports/${preview.id}`, importPreview));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors([{ fieldId: 'import-options', message: error.problem.detail ?? error.problem.title }]);
    }
  }

  return (
    <Page title={t.title} lead={t.lead} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <ChoiceGroup
          id="import-format"
          type="radio"
          name="format"
          label={t.format}
          value={[format]}
          onValue={(value) => setFormat(value[0] === 'hsds_json' ? 'hsds_json' : 'csv')}
          options={[
            { value: 'csv', label: t.formats.csv },
            { value: 'hsds_json', label: t.formats.hsds_json },
          ]}
        />
        <div className="text-field">
          <label className="label" htmlFor="import-file">
            {t.file}
            <span className="label__description" id="import-file-hint">
              {t.fileHint}
            </span>
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby="import-file-hint"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <div className="form-actions">
          <Button type="submit">{t.upload}</Button>
        </div>
      </form>
      {started && !preview ? <JobProgress jobId={started.jobId} onDone={onDone} /> : null}
      {applied ? (
        <MessageBox variant="success" live>
          <p>{applied}</p>
        </MessageBox>
      ) : null}
      {preview ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t.preview}</h2>
          <p>{interpolate(t.totals, preview.totals)}</p>
          {preview.fileProblems.length > 0 ? (
            <MessageBox variant="error" heading={t.fileProblems}>
              <ul>
                {preview.fileProblems.map((problem) => (
                  <li key={`${problem.field}-${problem.code}`}>{problem.message}</li>
                ))}
              </ul>
            </MessageBox>
          ) : null}
          <DataTable
            caption={t.caption}
            rows={preview.lines}
            rowKey={(line) => String(line.line)}
            columns={[
              { key: 'line', header: t.line, numeric: true, render: (line) => line.line },
              { key: 'name', header: t.action, render: (line) => `${t.actions[line.action]}${line.name ? `: ${line.name}` : ''}` },
              { key: 'problems', header: t.problems, render: (line) => line.problems.map((problem) => `${problem.field}: ${problem.message}`).join(' ') },
            ]}
          />
          {preview.status === 'previewed' ? (
            <>
              <ChoiceGroup
                id="import-options"
                type="checkbox"
                name="options"
                label={t.apply}
                value={options}
                onValue={setOptions}
                options={[...(preview.totals.reject > 0 ? [{ value: 'only-valid', label: t.onlyValid }] : []), { value: 'verify', label: t.verify }]}
              />
              <div className="form-actions">
                <Button onClick={() => void apply()}>{t.apply}</Button>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

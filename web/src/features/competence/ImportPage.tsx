import { useState } from 'react';
import { completionImportApplied, completionImportPreview, type CompletionImportPreview } from '#shared/contracts/competence.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { competenceMessages } from './messages.ts';

/** Import completions from a learning platform's CSV: check (line by line), then import all or nothing. */
export default function ImportPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.import;
  const [content, setContent] = useState('');
  const [preview, setPreview] = useState<CompletionImportPreview | null>(null);
  const [notice, setNotice] = useState<{ variant: 'success' | 'error'; text: string } | null>(null);
  const check = async () => {
    setNotice(null);
    try {
      setPreview(await api.post('/api/v1/completions/imports/preview', { content }, completionImportPreview));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setNotice({ variant: 'error', text: error.fieldErrors[0]?.message ?? error.problem.detail ?? error.problem.title });
    }
  };
  const apply = async () => {
    try {
      const result = await api.post('/api/v1/completions/imports', { content }, completionImportApplied);
      setNotice({ variant: 'success', text: interpolate(t.imported, { count: result.imported }) });
      setPreview(null);
      setContent('');
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setNotice({ variant: 'error', text: error.problem.detail ?? error.problem.title });
    }
  };
  return (
    <Page title={t.title} lead={t.lead}>
      {notice ? (
        <MessageBox variant={notice.variant} live>
          <p>{notice.text}</p>
        </MessageBox>
      ) : null}
      <TextArea id="import-content" label={t.content} hint={t.contentHint} rows={8} value={content} onValue={setContent} />
      <div className="file-field">
        <label className="label" htmlFor="import-file">
          {t.file}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then(setContent);
          }}
        />
      </div>
      <p>
        <Button variant="secondary" onClick={() => void check()}>
          {t.preview}
        </Button>
      </p>
      {preview ? (
        <>
          {preview.fileProblems.map((problem) => (
            <MessageBox key={problem.code} variant="error">
              <p>{problem.message}</p>
            </MessageBox>
          ))}
          <p>{interpolate(t.totals, { rows: preview.rows, valid: preview.valid, rejected: preview.rejected })}</p>
          <DataTable
            caption={t.caption}
            rows={preview.lines}
            rowKey={(line) => String(line.line)}
            columns={[
              { key: 'line', header: t.line, numeric: true, render: (line) => line.line },
              { key: 'email', header: t.email, render: (line) => line.email ?? '' },
              { key: 'person', header: t.person, render: (line) => line.personName ?? '' },
              { key: 'course', header: messages.common.course, render: (line) => line.courseTitle ?? '' },
              { key: 'date', header: messages.common.date, render: (line) => line.completedOn ?? '' },
              {
                key: 'problems',
                header: t.problems,
                render: (line) => (line.problems.length === 0 ? t.ok : line.problems.map((problem) => problem.message).join(' ')),
              },
            ]}
          />
          {preview.rejected > 0 || preview.fileProblems.length > 0 ? (
            <p>{t.hasErrors}</p>
          ) : (
            <p>
              <Button onClick={() => void apply()}>{interpolate(t.submit, { count: preview.valid })}</Button>
            </p>
          )}
        </>
      ) : null}
    </Page>
  );
}

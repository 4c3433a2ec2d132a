import { useState } from 'react';
import { useParams } from 'react-router';
import { CONTENT_REVIEW_STATUSES, contentTranslation, updateContentRequest, type ContentReviewStatus } from '#shared/contracts/directory.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

/** Edit one translation of a public page and set its review status. */
export default function ContentEditPage() {
  const { slug = '', language = 'sv' } = useParams();
  const t = useMessages(directoryPageMessages).content;
  const current = useResource(() => api.get(`/api/v1/content/${slug}/${language}`, contentTranslation), [slug, language]);
  if (!current.data) return <Loading />;
  return (
    <ContentForm
      key={current.data.version}
      initial={current.data}
      slug={slug}
      language={language}
      title={interpolate(t.editTitle, { title: current.data.title })}
    />
  );
}

function ContentForm({
  initial,
  slug,
  language,
  title,
}: {
  initial: { title: string; body: string; reviewStatus: ContentReviewStatus; version: number };
  slug: string;
  language: string;
  title: string;
}) {
  const t = useMessages(directoryPageMessages).content;
  const form = useForm(
    updateContentRequest,
    { version: initial.version, title: initial.title, body: initial.body, reviewStatus: initial.reviewStatus },
    { idPrefix: 'content' },
  );
  const [saved, setSaved] = useState<string | null>(null);
  const rtl = language === 'ar';
  return (
    <Page title={title} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      {saved ? (
        <MessageBox variant="success" live>
          <p>{saved}</p>
        </MessageBox>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const next = await api.put(`/api/v1/content/${slug}/${language}`, data, contentTranslation);
            form.set('version', next.version);
            setSaved(interpolate(t.saved, { version: next.version }));
          });
        }}
      >
        <TextField
          id={form.fieldId('title')}
          label={t.titleField}
          value={form.values.title}
          onValue={(v) => form.set('title', v)}
          error={form.errorFor('title')}
          lang={rtl ? 'ar' : undefined}
          dir={rtl ? 'rtl' : undefined}
        />
        <TextArea
          id={form.fieldId('body')}
          label={t.body}
          hint={t.bodyHint}
          rows={16}
          value={form.values.body}
          onValue={(v) => form.set('body', v)}
          error={form.errorFor('body')}
          lang={rtl ? 'ar' : undefined}
          dir={rtl ? 'rtl' : undefined}
        />
        <ChoiceGroup
          id={form.fieldId('reviewStatus')}
          type="radio"
          name="reviewStatus"
          label={t.reviewStatus}
          value={[form.values.reviewStatus]}
          onValue={(v) => form.set('reviewStatus', (v[0] ?? 'draft') as ContentReviewStatus)}
          error={form.errorFor('reviewStatus')}
          options={CONTENT_REVIEW_STATUSES.map((status) => ({ value: status, label: t.statuses[status] }))}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.save}
          </Button>
        </div>
      </form>
    </Page>
  );
}

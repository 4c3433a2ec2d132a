import { useState } from 'react';
import { useParams } from 'react-router';
import { z } from 'zod';
import { CONTENT_REVIEW_STATUSES, contentTranslation, updateContentRequest, type ContentReviewStatus } from '#shared/contracts/directory.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import type { DiffLine } from '#shared/i18n/text-diff.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

type View = z.infer<typeof contentTranslation>;

/**
 * The translator's view (ADR 0109): one translation of a public page beside its Swedish source,
 * what changed in each since the last review, and the status with the reviewer and date.
 */
export default function ContentEditPage() {
  const { slug = '', language = 'sv' } = useParams();
  const t = useMessages(directoryPageMessages).content;
  const current = useResource(() => api.get(`/api/v1/content/${slug}/${language}`, contentTranslation), [slug, language]);
  if (!current.data) return <Loading />;
  const view = current.data;
  const title =
    view.version === 0
      ? interpolate(t.translateTitle, { title: view.source?.title ?? slug, language: view.languageName })
      : interpolate(t.editTitle, { title: view.title });
  return <ContentForm key={view.version} initial={view} title={title} />;
}

function Changes({ diff, label }: { diff: DiffLine[]; label: string }) {
  const t = useMessages(directoryPageMessages).content;
  const changed = diff.filter((line) => line.kind !== 'same');
  return (
    <>
      <h3>{label}</h3>
      {changed.length === 0 ? (
        <p>{t.noChanges}</p>
      ) : (
        <ul className="text-diff">
          {changed.map((line, index) =>
            line.kind === 'added' ? (
              <li key={index} className="text-diff__added">
                <span className="text-diff__kind">{t.added}: </span>
                <ins>{line.text}</ins>
              </li>
            ) : (
              <li key={index} className="text-diff__removed">
                <span className="text-diff__kind">{t.removed}: </span>
                <del>{line.text}</del>
              </li>
            ),
          )}
        </ul>
      )}
    </>
  );
}

function ContentForm({ initial, title }: { initial: View; title: string }) {
  const t = useMessages(directoryPageMessages).content;
  const { locale } = useLocale();
  const form = useForm(
    updateContentRequest,
    { version: initial.version, title: initial.title, body: initial.body, reviewStatus: initial.reviewStatus },
    { idPrefix: 'content' },
  );
  const [view, setView] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const lang = view.languageTag;
  const dir = view.direction;
  return (
    <Page title={title} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      {saved ? (
        <MessageBox variant="success" live>
          <p>{saved}</p>
        </MessageBox>
      ) : null}
      {view.reviewedAt && view.reviewedByLabel ? (
        <p>
          {interpolate(t.reviewedBy, { name: view.reviewedByLabel, date: formatDate(new Date(view.reviewedAt), locale), version: view.reviewedVersion ?? 0 })}
        </p>
      ) : null}
      {view.source ? (
        <section aria-labelledby="content-changes" className="content-changes">
          <h2 id="content-changes">{t.changesTitle}</h2>
          {view.reviewedAt ? null : <p>{t.neverReviewed}</p>}
          {view.reviewedAt ? (
            <>
              <Changes diff={view.sourceChanges} label={t.sourceChangesTitle} />
              <Changes diff={view.changes} label={t.ownChangesTitle} />
            </>
          ) : null}
        </section>
      ) : null}
      <div className={view.source ? 'translation-columns' : undefined}>
        {view.source ? (
          <section aria-labelledby="content-source" className="translation-columns__source" lang="sv">
            <h2 id="content-source">{t.source}</h2>
            <h3>{view.source.title}</h3>
            {view.source.body
              .split(/\n{2,}/)
              .filter((block) => block.trim().length > 0)
              .map((block, index) => (
                <p key={index} className="translation-columns__block">
                  {block}
                </p>
              ))}
          </section>
        ) : null}
        <form
          noValidate
          className="translation-columns__target"
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit(async (data) => {
              const next = await api.put(`/api/v1/content/${view.slug}/${view.language}`, data, contentTranslation);
              form.set('version', next.version);
              setView(next);
              setSaved(interpolate(t.saved, { version: next.version }));
            });
          }}
        >
          {view.source ? <h2>{interpolate(t.translation, { language: view.languageName })}</h2> : null}
          <TextField
            id={form.fieldId('title')}
            label={t.titleField}
            value={form.values.title}
            onValue={(v) => form.set('title', v)}
            error={form.errorFor('title')}
            lang={lang}
            dir={dir}
          />
          <TextArea
            id={form.fieldId('body')}
            label={t.body}
            hint={t.bodyHint}
            rows={16}
            value={form.values.body}
            onValue={(v) => form.set('body', v)}
            error={form.errorFor('body')}
            lang={lang}
            dir={dir}
          />
          <ChoiceGroup
            id={form.fieldId('reviewStatus')}
            type="radio"
            name="reviewStatus"
            label={t.status}
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
      </div>
    </Page>
  );
}

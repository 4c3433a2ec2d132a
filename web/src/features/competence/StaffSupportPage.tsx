import { useEffect, useState } from 'react';
import { staffSupportContent, updateStaffSupportRequest } from '#shared/contracts/competence.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

const paragraphs = (text: string) => text.split(/\n+/).filter((line) => line.trim() !== '');

/**
 * Support for staff: the employer's information and the routes to confidential help. Content
 * only: Upptäck keeps no register of who is exposed or who seeks support (ADR 0041).
 */
export default function StaffSupportPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.support;
  const { can } = useSession();
  const content = useResource(() => api.get('/api/v1/staff-support', staffSupportContent), []);
  const form = useForm(updateStaffSupportRequest, { body: '', helpRoute: '', version: 0 });
  const [saved, setSaved] = useState(false);
  const loaded = content.data;
  useEffect(() => {
    if (loaded) form.setValues({ body: loaded.body, helpRoute: loaded.helpRoute, version: loaded.version });
    // Only when new content arrives.
  }, [loaded]);
  if (!loaded)
    return content.error ? (
      <Page title={t.title}>
        <p>{messages.common.loadFailed}</p>
      </Page>
    ) : (
      <Loading />
    );
  const submit = () =>
    form.submit(async (values) => {
      setSaved(false);
      await api.put('/api/v1/staff-support', values, staffSupportContent);
      setSaved(true);
      await content.reload();
    });
  return (
    <Page title={t.title} lead={t.lead} hasErrors={form.summary.length > 0}>
      <ErrorSummary errors={form.summary} />
      <MessageBox variant="info">
        <p>{t.noRegister}</p>
      </MessageBox>
      {paragraphs(loaded.body).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      <h2>{t.helpHeading}</h2>
      <ul>
        {paragraphs(loaded.helpRoute).map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
      {loaded.own ? null : <p>{t.defaultNote}</p>}
      {can('staff_support.edit') ? (
        <>
          <h2>{t.edit}</h2>
          {saved ? (
            <MessageBox variant="success" live>
              <p>{messages.common.saved}</p>
            </MessageBox>
          ) : null}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <TextArea
              id={form.fieldId('body')}
              label={t.body}
              rows={8}
              value={form.values.body}
              error={form.errorFor('body')}
              onValue={(value) => form.set('body', value)}
            />
            <TextArea
              id={form.fieldId('helpRoute')}
              label={t.helpRoute}
              hint={t.helpRouteHint}
              rows={5}
              value={form.values.helpRoute}
              error={form.errorFor('helpRoute')}
              onValue={(value) => form.set('helpRoute', value)}
            />
            <Button type="submit" disabled={form.submitting}>
              {t.submit}
            </Button>
          </form>
        </>
      ) : null}
    </Page>
  );
}

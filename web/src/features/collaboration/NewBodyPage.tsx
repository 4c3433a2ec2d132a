import { Link, useNavigate } from 'react-router';
import { bodyDetail, createBodyRequest } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { BodyFields } from './BodyForm.tsx';
import { useOrganisations } from './helpers.ts';
import { collaborationMessages } from './messages.ts';

/** Creating a body, kept by the caller's organisation. */
export default function NewBodyPage() {
  const t = useMessages(collaborationMessages);
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const form = useForm(
    createBodyRequest,
    { name: '', kind: 'development', leadingOrganisationId: '', responsibilityAreas: [], meetingCadence: 'every_six_weeks', purpose: '' },
    { idPrefix: 'body' },
  );
  if (organisations.error) return <ProblemPage error={organisations.error} />;
  if (!organisations.data) return <Loading />;
  return (
    <Page title={t.bodyForm.newTitle} hasErrors={form.summary.length > 0}>
      <p>
        <Link to="/samverkan">{interpolate(t.common.back, { title: t.bodies.title })}</Link>
      </p>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const created = await api.post('/api/v1/bodies', data, bodyDetail);
            navigate(`/samverkan/grupper/${created.id}`);
          });
        }}
      >
        <BodyFields form={form} organisations={organisations.data.organisations} />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.bodyForm.create}
          </Button>
        </div>
      </form>
    </Page>
  );
}

import { Link, useNavigate, useParams } from 'react-router';
import { bodyDetail, createWorkPlanRequest, workPlanDetail } from '#shared/contracts/collaboration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { collaborationMessages } from './messages.ts';
import { PlanFields } from './PlanFields.tsx';

/** Creating a body's work plan for a period. */
export default function NewWorkPlanPage() {
  const t = useMessages(collaborationMessages);
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const body = useResource(() => api.get(`/api/v1/bodies/${id}`, bodyDetail), [id]);
  const form = useForm(
    createWorkPlanRequest,
    { bodyId: id, title: '', periodStart: '', periodEnd: '', purpose: '', baselineExisting: '', baselineMissing: '' },
    { idPrefix: 'plan' },
  );
  if (body.error) return <ProblemPage error={body.error} />;
  if (!body.data) return <Loading />;
  return (
    <Page title={t.planForm.newTitle} hasErrors={form.summary.length > 0} lead={body.data.name}>
      <p>
        <Link to={`/samverkan/grupper/${id}`}>{interpolate(t.common.back, { title: body.data.name })}</Link>
      </p>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const created = await api.post('/api/v1/work-plans', data, workPlanDetail);
            navigate(`/samverkan/arbetsplaner/${created.id}`);
          });
        }}
      >
        <PlanFields form={form} />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.planForm.create}
          </Button>
        </div>
      </form>
    </Page>
  );
}

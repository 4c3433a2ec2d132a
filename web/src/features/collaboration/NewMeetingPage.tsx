import { Link, useNavigate, useParams } from 'react-router';
import { bodyDetail, createMeetingRequest, meetingDetail } from '#shared/contracts/collaboration.ts';
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
import { MeetingFields } from './MeetingFields.tsx';
import { collaborationMessages } from './messages.ts';

/** Scheduling a meeting of a body. */
export default function NewMeetingPage() {
  const t = useMessages(collaborationMessages);
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const body = useResource(() => api.get(`/api/v1/bodies/${id}`, bodyDetail), [id]);
  const form = useForm(
    createMeetingRequest,
    { bodyId: id, title: '', date: '', startTime: '', endTime: '', location: '', onlineUrl: '', convenerMemberId: '' },
    { idPrefix: 'meeting' },
  );
  if (body.error) return <ProblemPage error={body.error} />;
  if (!body.data) return <Loading />;
  const members = body.data.members.map((member) => ({
    id: member.id,
    label: member.personName ? `${member.personName}, ${member.organisation.name}` : member.organisation.name,
  }));
  return (
    <Page title={t.meetingForm.newTitle} hasErrors={form.summary.length > 0} lead={body.data.name}>
      <p>
        <Link to={`/samverkan/grupper/${id}`}>{interpolate(t.common.back, { title: body.data.name })}</Link>
      </p>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const created = await api.post('/api/v1/meetings', data, meetingDetail);
            navigate(`/samverkan/moten/${created.id}`);
          });
        }}
      >
        <MeetingFields form={form} members={members} />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.meetingForm.create}
          </Button>
        </div>
      </form>
    </Page>
  );
}

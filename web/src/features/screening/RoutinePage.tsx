import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ASKING_MODES,
  CHANNELS,
  questionSetList,
  routineForm,
  routineSchema,
  type CreateRoutineRequest,
  type Routine,
  type RoutineContent,
  type RoutineDraftRequest,
  type RoutineVersion,
} from '#shared/contracts/screening.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { screeningMessages } from './messages.ts';

type TextKey = Exclude<keyof RoutineContent, 'childConcern'>;
const TEXT_FIELDS: TextKey[] = [
  'whoAsks',
  'whenToAsk',
  'howToDocument',
  'afterNothingDisclosed',
  'afterExposure',
  'afterPerpetration',
  'afterDeclined',
  'ifNotSafe',
  'acuteDanger',
  'referral',
  'perpetratorPath',
  'information',
];

const EMPTY_CONTENT: RoutineContent = {
  whoAsks: '',
  whenToAsk: '',
  howToDocument: '',
  afterNothingDisclosed: '',
  afterExposure: '',
  afterPerpetration: '',
  afterDeclined: '',
  ifNotSafe: '',
  acuteDanger: '',
  childConcern: { legalReference: '', verifiedOn: '', steps: '' },
  referral: '',
  perpetratorPath: '',
  information: '',
};

/** The content of a version, as read by everyone. */
function VersionView({ version }: { version: RoutineVersion }) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const rules = version.rules;
  return (
    <>
      <h2>{t.routine.rules}</h2>
      <SummaryList
        rows={[
          { key: t.routine.asking, value: t.codes.askingMode[rules.asking] },
          { key: t.routine.channels, value: rules.channels.map((channel) => t.codes.channel[channel]).join(', ') || '–' },
          { key: t.routine.defaultChannel, value: rules.defaultChannel ? t.codes.channel[rules.defaultChannel] : t.routine.noDefault },
        ]}
      />
      <h2>{t.routine.content}</h2>
      <SummaryList
        rows={[
          ...TEXT_FIELDS.map((field) => ({ key: t.routine.fields[field], value: version.content[field] })),
          {
            key: t.routine.fields.legalReference,
            value: `${version.content.childConcern.legalReference} (${interpolate(t.flow.child.verified, { date: formatDate(version.content.childConcern.verifiedOn, locale) })})`,
          },
          { key: t.routine.fields.childSteps, value: version.content.childConcern.steps },
        ]}
      />
    </>
  );
}

/** A routine: the version in force for everyone; its editors write drafts, send them for review and publish. */
export default function RoutinePage() {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const { id } = useParams();
  const { can } = useSession();
  const data = useResource(async () => {
    const [routine, sets] = await Promise.all([
      id ? api.get(`/api/v1/routines/${id}`, routineSchema) : Promise.resolve(undefined),
      can('routines.edit') ? api.get('/api/v1/question-sets', questionSetList) : Promise.resolve({ questionSets: [] }),
    ]);
    return { routine, sets: sets.questionSets };
  }, [id]);
  const [routine, setRoutine] = useState<Routine | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  if (data.error) return <ProblemPage error={data.error} />;
  if (!data.data) return <Loading />;
  const current = routine ?? data.data.routine;
  const versionOptions = data.data.sets.flatMap((set) =>
    set.versions
      .filter((version) => version.status === 'published')
      .map((version) => ({ value: version.id, label: `${set.name} – ${interpolate(t.routines.version, { number: version.number })}` })),
  );
  if (!current) {
    return (
      <Page title={t.routines.newRoutine}>
        <RoutineEditor routine={undefined} versionOptions={versionOptions} onSaved={setRoutine} />
      </Page>
    );
  }
  const editable = current.own && can('routines.edit');
  const step = async (action: 'submit' | 'publish', text: string) => {
    setRoutine(await api.post(`/api/v1/routines/${current.id}/${action}`, { version: current.version }, routineSchema));
    setNotice(text);
  };
  return (
    <Page title={current.title} lead={`${interpolate(t.routines.owner, { owner: current.owner })}${current.shared ? `. ${t.routines.shared}` : ''}`}>
      {notice ? (
        <MessageBox variant="success" live>
          {notice}
        </MessageBox>
      ) : null}
      {current.published ? <VersionView version={current.published} /> : <p>{t.routines.noPublished}</p>}
      <h2>{t.routine.versions}</h2>
      <ul className="plain-list">
        {current.versions.map((version) => (
          <li key={version.id}>
            {interpolate(t.routines.version, { number: version.number })}: {t.codes.contentStatus[version.status]}
            {version.publishedAt ? ` (${formatDate(new Date(version.publishedAt), locale)})` : ''}
          </li>
        ))}
      </ul>
      {editable ? (
        <>
          <RoutineEditor
            routine={current}
            versionOptions={versionOptions}
            onSaved={(saved) => {
              setRoutine(saved);
              setNotice(t.routine.draftSaved);
            }}
          />
          <div className="form-actions">
            {current.draft?.status === 'draft' && can('routines.publish') ? (
              <Button variant="secondary" onClick={() => void step('submit', t.routine.submitted)}>
                {t.routine.submit}
              </Button>
            ) : null}
            {current.draft?.status === 'review' && can('routines.publish') ? (
              <Button variant="secondary" onClick={() => void step('publish', t.routine.publishedNow)}>
                {t.routine.publish}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
      <p>
        <Link to="/rutiner">{t.routines.title}</Link>
      </p>
    </Page>
  );
}

/** The draft form: the same zod schema as the server; a new routine also names its process. */
function RoutineEditor({
  routine,
  versionOptions,
  onSaved,
}: {
  routine: Routine | undefined;
  versionOptions: Array<{ value: string; label: string }>;
  onSaved(routine: Routine): void;
}) {
  const t = useMessages(screeningMessages);
  const navigate = useNavigate();
  const source = routine?.draft ?? routine?.published;
  const initial: RoutineDraftRequest = {
    version: routine?.version ?? 1,
    title: source?.title ?? '',
    rules: source?.rules ?? { asking: 'routinely', channels: ['in_person'], defaultChannel: null, questionSetVersionId: versionOptions[0]?.value ?? null },
    content: source?.content ?? EMPTY_CONTENT,
  };
  const form = useForm(routineForm, { ...initial, process: routine ? null : { code: '', name: '' } }, { idPrefix: 'routine' });
  const values = form.values;
  const process = values.process;
  const setRules = (change: Partial<RoutineDraftRequest['rules']>) => form.set('rules', { ...values.rules, ...change });
  const setContent = (change: Partial<RoutineContent>) => form.set('content', { ...(values.content as RoutineContent), ...change });
  const content = values.content as RoutineContent;
  return (
    <section aria-label={t.routine.edit}>
      {routine ? <h2>{t.routine.edit}</h2> : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async ({ process: newProcess, ...draft }) => {
            if (routine) {
              onSaved(await api.put(`/api/v1/routines/${routine.id}/draft`, draft, routineSchema));
            } else if (newProcess) {
              const request: CreateRoutineRequest = { kind: 'process', process: newProcess, title: draft.title, rules: draft.rules, content: draft.content };
              const created = await api.post('/api/v1/routines', request, routineSchema);
              navigate(`/rutiner/${created.id}`, { replace: true });
            }
          });
        }}
      >
        {process ? (
          <>
            <TextField
              id={form.fieldId('process.code')}
              label={t.routine.code}
              hint={t.routine.codeHint}
              value={process.code}
              error={form.errorFor('process.code')}
              onValue={(code) => form.set('process', { ...process, code })}
            />
            <TextField
              id={form.fieldId('process.name')}
              label={t.routine.processName}
              value={process.name}
              error={form.errorFor('process.name')}
              onValue={(name) => form.set('process', { ...process, name })}
            />
          </>
        ) : null}
        <TextField
          id={form.fieldId('title')}
          label={t.routine.title}
          value={values.title}
          error={form.errorFor('title')}
          onValue={(title) => form.set('title', title)}
        />
        <ChoiceGroup
          id={form.fieldId('rules.asking')}
          type="radio"
          name="asking"
          label={t.routine.asking}
          value={[values.rules.asking]}
          options={ASKING_MODES.map((mode) => ({ value: mode, label: t.codes.askingMode[mode] }))}
          onValue={([asking]) => setRules({ asking: (asking ?? 'routinely') as RoutineDraftRequest['rules']['asking'] })}
        />
        <ChoiceGroup
          id={form.fieldId('rules.channels')}
          type="checkbox"
          name="channels"
          label={t.routine.channels}
          value={values.rules.channels}
          error={form.errorFor('rules.channels')}
          options={CHANNELS.map((channel) => ({ value: channel, label: t.codes.channel[channel] }))}
          onValue={(channels) => setRules({ channels: channels as RoutineDraftRequest['rules']['channels'] })}
        />
        <SelectField
          id={form.fieldId('rules.defaultChannel')}
          label={t.routine.defaultChannel}
          placeholder={t.routine.noDefault}
          value={values.rules.defaultChannel ?? ''}
          options={CHANNELS.map((channel) => ({ value: channel, label: t.codes.channel[channel] }))}
          onValue={(channel) => setRules({ defaultChannel: (channel || null) as RoutineDraftRequest['rules']['defaultChannel'] })}
        />
        <SelectField
          id={form.fieldId('rules.questionSetVersionId')}
          label={t.routine.questionSet}
          placeholder={t.routine.noDefault}
          value={values.rules.questionSetVersionId ?? ''}
          error={form.errorFor('rules.questionSetVersionId')}
          options={versionOptions}
          onValue={(id) => setRules({ questionSetVersionId: id || null })}
        />
        {TEXT_FIELDS.map((field) => (
          <TextArea
            key={field}
            id={form.fieldId(`content.${field}`)}
            label={t.routine.fields[field]}
            rows={3}
            value={content[field]}
            error={form.errorFor(`content.${field}`)}
            onValue={(text) => setContent({ [field]: text })}
          />
        ))}
        <TextField
          id={form.fieldId('content.childConcern.legalReference')}
          label={t.routine.fields.legalReference}
          value={content.childConcern.legalReference}
          error={form.errorFor('content.childConcern.legalReference')}
          onValue={(legalReference) => setContent({ childConcern: { ...content.childConcern, legalReference } })}
        />
        <TextField
          id={form.fieldId('content.childConcern.verifiedOn')}
          type="date"
          label={t.routine.fields.verifiedOn}
          value={content.childConcern.verifiedOn}
          error={form.errorFor('content.childConcern.verifiedOn')}
          onValue={(verifiedOn) => setContent({ childConcern: { ...content.childConcern, verifiedOn } })}
        />
        <TextArea
          id={form.fieldId('content.childConcern.steps')}
          label={t.routine.fields.childSteps}
          rows={3}
          value={content.childConcern.steps}
          error={form.errorFor('content.childConcern.steps')}
          onValue={(steps) => setContent({ childConcern: { ...content.childConcern, steps } })}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {routine ? t.routine.saveDraft : t.routine.create}
          </Button>
        </div>
      </form>
    </section>
  );
}

import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  AGE_BANDS,
  BASES,
  CHANNELS,
  CHILD_CONCERN_DECISIONS,
  INTERPRETERS,
  NOT_ASKED_REASONS,
  NOTE_MAX,
  SEXES,
  visibleItems,
} from '#shared/contracts/screening-codes.ts';
import type { AnswerValue, Encounter, Process, QuestionItem, QuestionSetVersion, RoutineVersion, ScreeningSettings } from '#shared/contracts/screening.ts';
import type { SearchResponse } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { formatNumber } from '#shared/format/number.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, stockholmDate } from '#shared/time/stockholm.ts';
import { api, ApiProblem, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { AnswerField } from './AnswerField.tsx';
import { InformationFields } from './InformationFields.tsx';
import {
  derived,
  detailGroups,
  eligibleFor,
  initialState,
  nextStep,
  previousStep,
  SECTION_COUNT,
  sectionOf,
  segmentStep,
  stepSegment,
  stepsFor,
  toRequest,
  unanswered,
  type FlowState,
  type Path,
  type StepId,
} from './flow.ts';
import { rememberSaved } from './saved-flow.ts';
import { screeningMessages } from './messages.ts';

type Places = { municipalities: Array<{ code: string; name: string }> };
type ProcessList = { processes: Process[]; unitMunicipalityCode: string | null };
type Draft = { id: string; state: Record<string, unknown>; version: number; updatedAt: string; locationWithheld: boolean };
const AUTOSAVE_MS = 800;

/**
 * The guided screening workflow (issue 5): the start with the safe-to-ask check, the gate
 * questions on one page, follow-up questions only after a yes, the duty to report when a child may
 * be at risk, check answers, save. Every change is kept in an encrypted server-side draft, so an
 * expired session loses nothing: after signing in again the same address resumes it.
 */
export default function WorkflowPage() {
  const t = useMessages(screeningMessages);
  const { draftId: routeDraftId, step: segment } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const today = stockholmDate(new Date());

  const base = useResource(async () => {
    const [processes, settings, places] = await Promise.all([
      api.get<ProcessList>('/api/v1/processes'),
      api.get<ScreeningSettings>('/api/v1/routines/settings'),
      api.get<Places>('/api/v1/public/reference-data'),
    ]);
    const draft = routeDraftId ? await api.get<Draft>(`/api/v1/encounters/drafts/${routeDraftId}`) : undefined;
    return { processes, settings, places, draft };
    // Loaded once per visit: the address gains the draft's id after the first save, which changes nothing here.
  }, []);

  const [state, setState] = useState<FlowState | undefined>(undefined);
  const [draftId, setDraftId] = useState<string | undefined>(routeDraftId);
  const [dirty, setDirty] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const persisting = useRef<Promise<string | undefined>>(Promise.resolve(routeDraftId));

  useEffect(() => {
    if (!base.data || state) return;
    const process = base.data.processes.processes.find((candidate) => candidate.id === params.get('process')) ?? base.data.processes.processes[0];
    setState((base.data.draft?.state as FlowState | undefined) ?? initialState(process, today, crypto.randomUUID()));
  }, [base.data, state, params, today]);

  const process = base.data?.processes.processes.find((candidate) => candidate.id === state?.processId);
  const routine = useResource(
    () => (process ? api.get<RoutineVersion>(`/api/v1/routines/versions/${process.routineVersionId}`) : Promise.resolve(undefined)),
    [process?.routineVersionId],
  );
  const questionSet = useResource(
    () =>
      process?.rules.questionSetVersionId
        ? api.get<QuestionSetVersion>(`/api/v1/question-sets/versions/${process.rules.questionSetVersionId}`)
        : Promise.resolve(undefined),
    [process?.rules.questionSetVersionId],
  );
  const items: QuestionItem[] = questionSet.data?.items ?? [];
  const step = segment ? segmentStep(segment) : (state?.at ?? 'start');

  /** Saves the draft (creating it the first time); saves run one after another. */
  const persist = useCallback(
    (next: FlowState, currentStep: StepId): Promise<string | undefined> => {
      persisting.current = persisting.current.then(async (id) => {
        try {
          if (id) {
            await api.put<Draft>(`/api/v1/encounters/drafts/${id}`, { state: next });
            setSaveFailed(false);
            return id;
          }
          const created = await api.post<Draft>('/api/v1/encounters/drafts', { state: next });
          setDraftId(created.id);
          setSaveFailed(false);
          navigate(`/fraga/ny/${created.id}/${stepSegment(currentStep)}`, { replace: true });
          return created.id;
        } catch (error) {
          if (!(error instanceof ApiProblem)) throw error;
          setSaveFailed(true);
          return id;
        }
      });
      return persisting.current;
    },
    [navigate],
  );

  useEffect(() => {
    if (!dirty || !state) return undefined;
    const timer = setTimeout(() => {
      setDirty(false);
      void persist(state, step);
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, state, step, persist]);

  if (base.error) return <ProblemPage error={base.error} />;
  if (!base.data || !state || (process && (!routine.data || (process.rules.questionSetVersionId && !questionSet.data)))) return <Loading />;

  const update = (change: Partial<FlowState>) => {
    setState((current) => (current ? { ...current, ...change } : current));
    setDirty(true);
  };
  const go = async (target: FlowState, to: StepId) => {
    const next = { ...target, at: to };
    setState(next);
    setDirty(false);
    const id = await persist(next, to);
    navigate(id ? `/fraga/ny/${id}/${stepSegment(to)}` : '/fraga/ny');
  };
  const context: StepContext = {
    state,
    items,
    routine: routine.data,
    update,
    go,
    places: base.data.places.municipalities,
    unitMunicipality: base.data.processes.unitMunicipalityCode,
    notesEnabled: base.data.settings.notesEnabled,
    processes: base.data.processes.processes,
    back: previousStep(state, items, step),
    draftId,
    // A resumed draft of a client with protected identity: its place is kept on the server, not shown.
    locationWithheld: Boolean(base.data.draft?.locationWithheld) && state.protectedIdentity,
  };
  const steps = stepsFor(state, items);
  const notice = saveFailed ? (
    <MessageBox variant="warning" live>
      {t.flow.draftFailed}
    </MessageBox>
  ) : null;
  // A step the answers no longer lead to (e.g. after changing an answer) falls back to the last one they lead to.
  const shown: StepId = steps.includes(step) ? step : steps[steps.length - 1]!;
  const progress = interpolate(t.flow.step, { number: sectionOf(shown), total: SECTION_COUNT, part: t.flow.sections[sectionOf(shown)] });
  return (
    <>
      {notice}
      {shown === 'start' ? <StartStep {...context} progress={progress} /> : null}
      {shown === 'questions' ? <QuestionsStep {...context} progress={progress} /> : null}
      {shown.startsWith('details:') ? <DetailsStep {...context} progress={progress} gateKey={shown.slice('details:'.length)} /> : null}
      {shown === 'child' ? <ChildStep {...context} progress={progress} /> : null}
      {shown === 'not_safe' ? <NotSafeStep {...context} progress={progress} /> : null}
      {shown === 'information' ? <InformationStep {...context} progress={progress} /> : null}
      {shown === 'check' ? <CheckStep {...context} progress={progress} /> : null}
    </>
  );
}

type StepContext = {
  state: FlowState;
  items: QuestionItem[];
  routine: RoutineVersion | undefined;
  update(change: Partial<FlowState>): void;
  go(next: FlowState, to: StepId): Promise<void>;
  places: Array<{ code: string; name: string }>;
  /** The unit's own municipality: offered first in the list, never chosen for the caseworker. */
  unitMunicipality: string | null;
  notesEnabled: boolean;
  processes: Process[];
  back: StepId | undefined;
  draftId: string | undefined;
  /** The draft's municipalities are withheld (protected identity): empty here, kept on the server. */
  locationWithheld: boolean;
};
type StepProps = StepContext & { progress: string };

/** A step page: progress, back link, the error summary first, one primary action. */
function StepPage({
  title,
  progress,
  errors,
  back,
  draftId,
  children,
  onSubmit,
}: {
  title: string;
  progress: string;
  errors: SummaryError[];
  back: StepId | undefined;
  draftId: string | undefined;
  children: ReactNode;
  onSubmit(): void;
}) {
  const t = useMessages(screeningMessages);
  return (
    <Page title={title} hasErrors={errors.length > 0}>
      {progress ? <p className="screening-progress">{progress}</p> : null}
      {back ? (
        <p>
          <Link to={draftId ? `/fraga/ny/${draftId}/${stepSegment(back)}` : '/fraga'}>{t.flow.back}</Link>
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </Page>
  );
}

function RoutineNote({ text }: { text: string }) {
  const t = useMessages(screeningMessages);
  return (
    <div className="screening-routine">
      <h2 className="screening-routine__heading">{t.flow.routineHeading}</h2>
      <p>{text}</p>
    </div>
  );
}

function unitFirst<Place extends { code: string }>(places: Place[], unitMunicipality: string | null): Place[] {
  const unit = places.filter((place) => place.code === unitMunicipality);
  return [...unit, ...places.filter((place) => place.code !== unitMunicipality)];
}

function StartStep(props: StepProps) {
  const t = useMessages(screeningMessages);
  const { state, update, processes, places } = props;
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const process = processes.find((candidate) => candidate.id === state.processId);
  const eligible = eligibleFor(state, process);
  const informOnly = Boolean(process && state.channel && !eligible);
  const errorFor = (field: string) => errors.find((error) => error.fieldId === `start-${field}`)?.message;

  const submit = (path: Path) => {
    const missing: SummaryError[] = [];
    for (const field of ['processId', 'channel', 'basis', 'interpreter', 'sex', 'ageBand'] as const) {
      if (!state[field]) missing.push({ fieldId: `start-${field}`, message: t.flow.required });
    }
    setErrors(missing);
    if (missing.length > 0) return;
    const next = { ...state, path };
    const to: StepId = path === 'ask' ? 'questions' : path === 'inform' ? 'information' : 'not_safe';
    void props.go(next, to);
  };

  return (
    <StepPage
      title={t.flow.start.title}
      progress={props.progress}
      errors={errors}
      back={undefined}
      draftId={props.draftId}
      onSubmit={() => submit(informOnly ? 'inform' : 'ask')}
    >
      {processes.length > 1 ? (
        <SelectField
          id="start-processId"
          label={t.flow.start.process}
          value={state.processId}
          options={processes.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          error={errorFor('processId')}
          onValue={(processId) => {
            const chosen = processes.find((candidate) => candidate.id === processId);
            update({
              processId,
              ...(chosen ? { channel: chosen.rules.defaultChannel ?? '', basis: chosen.rules.asking === 'on_indication' ? 'indication' : 'routine' } : {}),
            });
          }}
        />
      ) : (
        <p>
          <strong>{t.flow.start.process}:</strong> {process?.name}
        </p>
      )}
      {process?.description ? <p className="muted">{process.description}</p> : null}
      <ChoiceGroup
        id="start-channel"
        type="radio"
        name="channel"
        label={t.flow.start.channel}
        error={errorFor('channel')}
        options={CHANNELS.map((value) => ({ value, label: t.codes.channel[value] }))}
        value={state.channel ? [state.channel] : []}
        onValue={([channel]) => update({ channel: (channel ?? '') as FlowState['channel'] })}
      />
      <ChoiceGroup
        id="start-basis"
        type="radio"
        name="basis"
        label={t.flow.start.basis}
        error={errorFor('basis')}
        options={BASES.filter((value) => value === 'indication' || process?.rules.asking !== 'on_indication').map((value) => ({
          value,
          label: t.codes.basis[value],
        }))}
        value={state.basis ? [state.basis] : []}
        onValue={([basis]) => update({ basis: (basis ?? '') as FlowState['basis'] })}
      />
      <ChoiceGroup
        id="start-interpreter"
        type="radio"
        name="interpreter"
        label={t.flow.start.interpreter}
        error={errorFor('interpreter')}
        options={INTERPRETERS.map((value) => ({ value, label: t.codes.interpreter[value] }))}
        value={state.interpreter ? [state.interpreter] : []}
        onValue={([interpreter]) => update({ interpreter: (interpreter ?? '') as FlowState['interpreter'] })}
      />
      <ChoiceGroup
        id="start-sex"
        type="radio"
        name="sex"
        label={t.flow.start.sex}
        error={errorFor('sex')}
        options={SEXES.map((value) => ({ value, label: t.codes.sex[value] }))}
        value={state.sex ? [state.sex] : []}
        onValue={([sex]) => update({ sex: (sex ?? '') as FlowState['sex'] })}
      />
      <SelectField
        id="start-ageBand"
        label={t.flow.start.ageBand}
        placeholder={t.flow.start.choose}
        value={state.ageBand}
        error={errorFor('ageBand')}
        options={AGE_BANDS.map((value) => ({ value, label: t.codes.ageBand[value] }))}
        onValue={(ageBand) => update({ ageBand: ageBand as FlowState['ageBand'] })}
      />
      <SelectField
        id="start-municipality"
        label={t.flow.start.municipality}
        hint={props.locationWithheld ? t.flow.start.municipalityWithheld : t.flow.start.municipalityHint}
        placeholder={t.flow.start.unknownMunicipality}
        value={state.municipalityCode}
        options={unitFirst(places, props.unitMunicipality).map((place) => ({
          value: place.code,
          label: place.code === props.unitMunicipality ? interpolate(t.flow.start.unitMunicipality, { name: place.name }) : place.name,
        }))}
        onValue={(municipalityCode) => update({ municipalityCode, childConcern: { ...state.childConcern, municipalityCode } })}
      />
      <ChoiceGroup
        id="start-protected"
        type="checkbox"
        name="protected"
        label={t.flow.start.protectedLegend}
        hint={t.flow.start.protectedIdentityHint}
        options={[{ value: 'yes', label: t.flow.start.protectedIdentity }]}
        value={state.protectedIdentity ? ['yes'] : []}
        onValue={(values) => update({ protectedIdentity: values.includes('yes') })}
      />
      <TextField
        id="start-caseReference"
        label={t.flow.start.caseReference}
        hint={t.flow.start.caseReferenceHint}
        value={state.caseReference}
        autoComplete="off"
        maxLength={64}
        onValue={(caseReference) => update({ caseReference })}
      />
      {props.routine ? <RoutineNote text={`${props.routine.content.whoAsks} ${props.routine.content.whenToAsk}`} /> : null}
      {informOnly ? (
        <>
          <MessageBox>{t.flow.start.informOnlyText}</MessageBox>
          <div className="form-actions">
            <Button type="submit">{t.flow.start.informOnly}</Button>
          </div>
        </>
      ) : (
        <section aria-labelledby="safety-heading" className="screening-safety">
          <h2 id="safety-heading">{t.flow.start.safetyHeading}</h2>
          <p>{t.flow.start.safetyIntro}</p>
          <ul>
            <li>{t.flow.start.safetyAlone}</li>
            <li>{t.flow.start.safetyChannel}</li>
            <li>{t.flow.start.safetyInterpreter}</li>
          </ul>
          {state.interpreter === 'other' ? <MessageBox variant="warning">{t.flow.start.interpreterOther}</MessageBox> : null}
          <div className="form-actions">
            {state.interpreter === 'other' ? null : <Button type="submit">{t.flow.start.safe}</Button>}
            <Button variant="secondary" onClick={() => submit('not_safe')}>
              {t.flow.start.notSafe}
            </Button>
          </div>
        </section>
      )}
    </StepPage>
  );
}

function itemErrors(state: FlowState, items: QuestionItem[], message: string): SummaryError[] {
  return unanswered(state, items).map((key) => ({ fieldId: `item-${key}`, message }));
}

function QuestionsStep(props: StepProps) {
  const t = useMessages(screeningMessages);
  const { state, items, update } = props;
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const gates = items.filter((item) => item.gate);
  const answer = (key: string, value: AnswerValue) => update({ answers: { ...state.answers, [key]: value } });
  return (
    <StepPage
      title={t.flow.questions.title}
      progress={props.progress}
      errors={errors}
      back={props.back}
      draftId={props.draftId}
      onSubmit={() => {
        const missing = itemErrors(state, gates, t.flow.required);
        setErrors(missing);
        if (missing.length === 0) void props.go(state, nextStep(state, items, 'questions'));
      }}
    >
      <p className="lead">{t.flow.questions.lead}</p>
      {gates.map((item) => (
        <AnswerField
          key={item.key}
          item={item}
          answer={state.answers[item.key]}
          error={errors.find((error) => error.fieldId === `item-${item.key}`)?.message}
          onAnswer={(value) => answer(item.key, value)}
        />
      ))}
      <DangerBox state={state} items={items} routine={props.routine} />
      <div className="form-actions">
        <Button type="submit">{t.flow.continue}</Button>
      </div>
    </StepPage>
  );
}

function DangerBox({ state, items, routine }: { state: FlowState; items: QuestionItem[]; routine: RoutineVersion | undefined }) {
  const t = useMessages(screeningMessages);
  if (!derived(state, items).acuteDanger) return null;
  return (
    <div className="message-box message-box--error" role="alert">
      <div className="message-box__content">
        <h2 className="message-box__heading">{t.flow.danger.heading}</h2>
        <p>{t.flow.danger.text}</p>
        {routine ? <p>{routine.content.acuteDanger}</p> : null}
      </div>
    </div>
  );
}

function DetailsStep(props: StepProps & { gateKey: string }) {
  const t = useMessages(screeningMessages);
  const { state, items, update, gateKey } = props;
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const group = detailGroups(state, items).find((candidate) => candidate.gate.key === gateKey);
  if (!group) return null;
  const topic = group.gate.text.length > 60 ? `${group.gate.text.slice(0, 57)}…` : group.gate.text;
  const current = `details:${gateKey}` as StepId;
  return (
    <StepPage
      title={interpolate(t.flow.details.title, { topic })}
      progress={props.progress}
      errors={errors}
      back={props.back}
      draftId={props.draftId}
      onSubmit={() => {
        const missing = itemErrors(state, group.items, t.flow.required);
        setErrors(missing);
        if (missing.length === 0) void props.go(state, nextStep(state, items, current));
      }}
    >
      <p className="screening-guidance">
        <strong>{t.flow.details.whatToSay}:</strong> {group.gate.guidance.afterYes}
      </p>
      {group.items.map((item) => (
        <AnswerField
          key={item.key}
          item={item}
          answer={state.answers[item.key]}
          error={errors.find((error) => error.fieldId === `item-${item.key}`)?.message}
          onAnswer={(value) => update({ answers: { ...state.answers, [item.key]: value } })}
        />
      ))}
      <DangerBox state={state} items={items} routine={props.routine} />
      <div className="form-actions">
        <Button type="submit">{t.flow.continue}</Button>
      </div>
    </StepPage>
  );
}

/** Social services for the municipality, from the support directory (staff view: also staff-only numbers). */
function SocialServicesRoute({ municipality, places }: { municipality: string; places: StepContext['places'] }) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const result = useResource(
    () =>
      municipality
        ? api.get<SearchResponse>(`/api/v1/directory/staff/services${query({ municipality, kind: ['social_services', 'social_services_after_hours'] })}`)
        : Promise.resolve(undefined),
    [municipality, locale],
  );
  if (!municipality) return <p>{t.flow.child.noMunicipality}</p>;
  if (!result.data) return <Loading />;
  const place = places.find((candidate) => candidate.code === municipality)?.name ?? municipality;
  return (
    <section aria-labelledby="route-heading">
      <h2 id="route-heading">{interpolate(t.flow.child.routeHeading, { place })}</h2>
      {result.data.services.length === 0 ? <p>{t.flow.child.noRoute}</p> : null}
      {result.data.services.length > 0 ? <p>{t.flow.child.routeOrder}</p> : null}
      <ul className="plain-list">
        {result.data.services.map((service) => {
          const written = [
            ...(service.email ? [interpolate(t.flow.child.writtenEmail, { email: service.email })] : []),
            ...(service.url ? [interpolate(t.flow.child.writtenWeb, { url: service.url })] : []),
            ...service.locations
              .filter((location) => location.address)
              .map((location) =>
                interpolate(t.flow.child.writtenPost, {
                  address: [location.address, [location.postalCode, location.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
                }),
              ),
          ];
          return (
            <li key={service.id}>
              <strong>{service.name}</strong>
              <br />
              {t.flow.child.orally}{' '}
              {service.phones.length === 0
                ? t.flow.child.noPhone
                : service.phones.map((phone, index) => (
                    <span key={phone.number}>
                      {index > 0 ? ', ' : ''}
                      {phone.number}
                      {phone.description ? ` (${phone.description})` : ''}
                    </span>
                  ))}
              <br />
              {t.flow.child.inWriting} {written.length === 0 ? t.flow.child.noWritten : written.join('; ')}
              <br />
              <span className="muted">{service.openingHours.text}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ChildStep(props: StepProps) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const { state, update, routine } = props;
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const concern = state.childConcern;
  const set = (change: Partial<FlowState['childConcern']>) => update({ childConcern: { ...concern, ...change } });
  const errorFor = (field: string) => errors.find((error) => error.fieldId === `child-${field}`)?.message;
  return (
    <StepPage
      title={t.flow.child.title}
      progress={props.progress}
      errors={errors}
      back={props.back}
      draftId={props.draftId}
      onSubmit={() => {
        const missing: SummaryError[] = [];
        if (!concern.decision) missing.push({ fieldId: 'child-decision', message: t.flow.required });
        if (concern.decision === 'reported' && !concern.madeOn) missing.push({ fieldId: 'child-madeOn', message: t.flow.required });
        if (concern.decision === 'reported' && !concern.municipalityCode && !props.locationWithheld)
          missing.push({ fieldId: 'child-municipality', message: t.flow.required });
        setErrors(missing);
        if (missing.length === 0) void props.go(state, nextStep(state, props.items, 'child'));
      }}
    >
      <p>{t.flow.child.duty}</p>
      {routine ? (
        <>
          <p>
            <strong>{t.flow.child.legalReference}:</strong> {routine.content.childConcern.legalReference}{' '}
            <span className="muted">({interpolate(t.flow.child.verified, { date: formatDate(routine.content.childConcern.verifiedOn, locale) })})</span>
          </p>
          <RoutineNote text={routine.content.childConcern.steps} />
        </>
      ) : null}
      <SocialServicesRoute municipality={state.municipalityCode} places={props.places} />
      <ChoiceGroup
        id="child-decision"
        type="radio"
        name="decision"
        label={t.flow.child.decision}
        error={errorFor('decision')}
        options={CHILD_CONCERN_DECISIONS.map((value) => ({ value, label: t.codes.decision[value] }))}
        value={concern.decision ? [concern.decision] : []}
        onValue={([decision]) => set({ decision: (decision ?? '') as FlowState['childConcern']['decision'] })}
      />
      {concern.decision === 'reported' ? (
        <>
          <TextField
            id="child-madeOn"
            label={t.flow.child.madeOn}
            type="date"
            max={stockholmDate(new Date())}
            value={concern.madeOn}
            error={errorFor('madeOn')}
            onValue={(madeOn) => set({ madeOn })}
          />
          <SelectField
            id="child-municipality"
            label={t.flow.child.municipality}
            {...(props.locationWithheld ? { hint: t.flow.start.municipalityWithheld } : {})}
            placeholder={t.flow.start.choose}
            value={concern.municipalityCode}
            error={errorFor('municipality')}
            options={props.places.map((place) => ({ value: place.code, label: place.name }))}
            onValue={(municipalityCode) => set({ municipalityCode })}
          />
        </>
      ) : null}
      <div className="form-actions">
        <Button type="submit">{t.flow.continue}</Button>
      </div>
    </StepPage>
  );
}

function NotSafeStep(props: StepProps) {
  const t = useMessages(screeningMessages);
  const { state, update, routine } = props;
  const [errors, setErrors] = useState<SummaryError[]>([]);
  return (
    <StepPage
      title={t.flow.notSafe.title}
      progress={props.progress}
      errors={errors}
      back={props.back}
      draftId={props.draftId}
      onSubmit={() => {
        const missing = state.notAskedReason ? [] : [{ fieldId: 'notsafe-reason', message: t.flow.required }];
        setErrors(missing);
        if (missing.length === 0) void props.go(state, 'check');
      }}
    >
      <ChoiceGroup
        id="notsafe-reason"
        type="radio"
        name="reason"
        label={t.flow.notSafe.reason}
        error={errors[0]?.message}
        options={NOT_ASKED_REASONS.map((value) => ({ value, label: t.codes.reason[value] }))}
        value={state.notAskedReason ? [state.notAskedReason] : []}
        onValue={([reason]) => update({ notAskedReason: (reason ?? '') as FlowState['notAskedReason'] })}
      />
      {routine ? (
        <div className="screening-routine">
          <h2 className="screening-routine__heading">{t.flow.notSafe.whatInstead}</h2>
          <p>{routine.content.ifNotSafe}</p>
        </div>
      ) : null}
      <div className="form-actions">
        <Button type="submit">{t.flow.continue}</Button>
      </div>
    </StepPage>
  );
}

function InformationStep(props: StepProps) {
  const t = useMessages(screeningMessages);
  const { state, update, routine } = props;
  return (
    <StepPage
      title={t.flow.information.title}
      progress={props.progress}
      errors={[]}
      back={props.back}
      draftId={props.draftId}
      onSubmit={() => void props.go(state, 'check')}
    >
      {routine ? <RoutineNote text={routine.content.information} /> : null}
      <InformationFields idPrefix="information" value={state.information} onValue={(information) => update({ information })} />
      <div className="form-actions">
        <Button type="submit">{t.flow.continue}</Button>
      </div>
    </StepPage>
  );
}

function CheckStep(props: StepProps) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { state, items, update, processes, places } = props;
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [saving, setSaving] = useState(false);
  const process = processes.find((candidate) => candidate.id === state.processId);
  const result = derived(state, items);
  const link = (step: StepId, what: string) =>
    props.draftId ? (
      <Link to={`/fraga/ny/${props.draftId}/${stepSegment(step)}`}>
        {t.flow.check.change}
        <span className="visually-hidden"> {what.toLowerCase()}</span>
      </Link>
    ) : undefined;
  const place = state.protectedIdentity
    ? t.flow.check.protectedPlace
    : (places.find((candidate) => candidate.code === state.municipalityCode)?.name ?? t.flow.start.unknownMunicipality);
  const rows: Array<{ key: string; value: ReactNode; action?: ReactNode }> = [
    { key: t.flow.check.process, value: process?.name ?? '', action: link('start', t.flow.check.process) },
    {
      key: t.flow.check.meeting,
      value: [
        state.channel ? t.codes.channel[state.channel] : '',
        state.basis ? t.codes.basis[state.basis] : '',
        state.interpreter ? t.codes.interpreter[state.interpreter] : '',
      ]
        .filter(Boolean)
        .join(', '),
      action: link('start', t.flow.check.meeting),
    },
    {
      key: t.flow.check.client,
      value: [state.sex ? t.codes.sex[state.sex] : '', state.ageBand ? t.codes.ageBand[state.ageBand] : '', place].filter(Boolean).join(', '),
      action: link('start', t.flow.check.client),
    },
  ];
  if (state.path === 'not_safe') {
    rows.push({ key: t.flow.check.asking, value: t.codes.asking.not_asked });
    rows.push({
      key: t.flow.check.reason,
      value: state.notAskedReason ? t.codes.reason[state.notAskedReason] : '',
      action: link('not_safe', t.flow.check.reason),
    });
  } else if (state.path === 'inform') {
    rows.push({ key: t.flow.check.asking, value: t.codes.asking.inform_only });
  } else {
    const groups = detailGroups(state, items);
    for (const item of visibleItems(items, new Map(Object.entries(state.answers)))) {
      const answer = state.answers[item.key];
      const text =
        item.type === 'multiple_choice'
          ? (answer?.values ?? []).map((code) => item.options.find((option) => option.code === code)?.label ?? code).join('; ')
          : item.type === 'short_text'
            ? (answer?.text ?? '')
            : item.type === 'yes_no_declined'
              ? answer?.value
                ? t.answers[answer.value as 'yes' | 'no' | 'declined']
                : ''
              : (item.options.find((option) => option.code === answer?.value)?.label ?? '');
      const group = groups.find((candidate) => candidate.items.includes(item));
      const stepOfItem: StepId = item.gate || !group ? 'questions' : `details:${group.gate.key}`;
      rows.push({ key: item.text, value: text || t.flow.check.notAnswered, action: link(stepOfItem, item.text) });
    }
    rows.push({ key: t.flow.check.outcome, value: t.codes.outcome[result.outcome] });
    if (result.exposureForms.length > 0) rows.push({ key: t.flow.check.exposure, value: result.exposureForms.map((form) => t.codes.form[form]).join(', ') });
    if (result.perpetrationForms.length > 0)
      rows.push({ key: t.flow.check.perpetration, value: result.perpetrationForms.map((form) => t.codes.form[form]).join(', ') });
    if (result.perpetratorWantsHelp) rows.push({ key: t.flow.check.wantsHelp, value: t.answers.yes });
    if (result.childAtRisk && state.childConcern.decision) {
      rows.push({
        key: t.flow.check.childConcern,
        value: `${t.codes.decision[state.childConcern.decision]}${state.childConcern.decision === 'reported' ? ` (${formatDate(state.childConcern.madeOn, locale)})` : ''}`,
        action: link('child', t.flow.check.childConcern),
      });
    }
  }
  if (state.information.material && state.information.language && state.information.delivery) {
    rows.push({
      key: t.flow.check.information,
      value: `${t.codes.material[state.information.material]}, ${directoryLabels[locale].languages[state.information.language]}, ${t.codes.delivery[state.information.delivery]}`,
      action: link('information', t.flow.check.information),
    });
  }

  async function save() {
    if (saving) return;
    if (state.note.trim().length > NOTE_MAX) {
      setErrors([{ fieldId: 'check-note', message: interpolate(t.flow.check.noteTooLong, { limit: formatNumber(NOTE_MAX, locale) }) }]);
      return;
    }
    setSaving(true);
    setErrors([]);
    try {
      // With the draft's id, a place withheld from a protected draft is taken from the stored draft.
      const request = { ...toRequest(state, items), ...(props.draftId ? { draftId: props.draftId } : {}) };
      const encounter = await api.post<Encounter>('/api/v1/encounters', request, undefined, { 'Idempotency-Key': state.key });
      rememberSaved(encounter.id, state.municipalityCode);
      if (props.draftId) await api.delete(`/api/v1/encounters/drafts/${props.draftId}`).catch(() => undefined);
      navigate(`/fraga/${encounter.id}`, { replace: true, state: { saved: true } });
    } catch (error) {
      setSaving(false);
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(
        error.fieldErrors.length > 0
          ? error.fieldErrors.map((fieldError) => ({ fieldId: 'check-note', message: fieldError.message }))
          : [{ fieldId: 'check-note', message: error.problem.detail ?? error.problem.title }],
      );
    }
  }

  return (
    <StepPage title={t.flow.check.title} progress={props.progress} errors={errors} back={props.back} draftId={props.draftId} onSubmit={() => void save()}>
      <p className="lead">{t.flow.check.lead}</p>
      <SummaryList rows={rows} />
      <DangerBox state={state} items={items} routine={props.routine} />
      {props.notesEnabled ? (
        <TextArea
          id="check-note"
          label={t.flow.check.note}
          hint={t.flow.check.noteHint}
          value={state.note}
          maxCharacters={NOTE_MAX}
          rows={3}
          error={errors.find((error) => error.fieldId === 'check-note')?.message}
          onValue={(note) => update({ note })}
        />
      ) : (
        <span id="check-note" tabIndex={-1} />
      )}
      <div className="form-actions">
        <Button type="submit" disabled={saving} aria-disabled={saving}>
          {saving ? t.flow.check.saving : t.flow.check.save}
        </Button>
      </div>
    </StepPage>
  );
}

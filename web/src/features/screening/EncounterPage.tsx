import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { CONSENT_SCOPES, EXPLOITATION_FORMS, HONOUR_FORMS, NOTE_MAX, REFERRAL_TARGETS } from '#shared/contracts/screening-codes.ts';
import type { ConsentScope, Encounter, ReferralKind, ReferralTarget, RoutineVersion, ScreeningSettings } from '#shared/contracts/screening.ts';
import type { Audience, PublicLanguage, SearchResponse, ServiceResult } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { formatNumber } from '#shared/format/number.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, formatDateTime } from '#shared/time/stockholm.ts';
import { api, ApiProblem, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { InformationFields } from './InformationFields.tsx';
import type { FlowState } from './flow.ts';
import { screeningMessages } from './messages.ts';
import { savedMunicipality } from './saved-flow.ts';

const SUGGESTIONS = 6;

/** Who the directory should show services for, from what came up (the client's sex, forms, children). */
function audiencesFor(encounter: Encounter, kind: 'exposure' | 'perpetration'): Audience[] {
  if (kind === 'perpetration') return ['perpetrators'];
  const audiences: Audience[] = [encounter.client.sex === 'male' ? 'men_exposed' : 'women_exposed'];
  if (encounter.childAtRisk) audiences.push('children_young');
  if (encounter.exposureForms.some((form) => HONOUR_FORMS.includes(form))) audiences.push('honour');
  if (encounter.exposureForms.some((form) => EXPLOITATION_FORMS.includes(form))) audiences.push('prostitution_trafficking');
  return audiences;
}

/** The outcome of a saved encounter and what follows from it: guidance, referrals, reports, information, the note. */
export default function EncounterPage() {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const { can } = useSession();
  const data = useResource(async () => {
    const encounter = await api.get<Encounter>(`/api/v1/encounters/${id}`);
    const [routine, settings] = await Promise.all([
      api.get<RoutineVersion>(`/api/v1/routines/versions/${encounter.routineVersionId}`),
      api.get<ScreeningSettings>('/api/v1/routines/settings'),
    ]);
    return { encounter, routine, settings };
  }, [id]);
  const [encounter, setEncounter] = useState<Encounter | undefined>(undefined);
  if (data.error) return <ProblemPage error={data.error} />;
  if (!data.data) return <Loading />;
  const current = encounter ?? data.data.encounter;
  const { routine, settings } = data.data;
  const municipality = current.client.municipality?.code ?? savedMunicipality(current.id);
  const place = current.client.municipality?.name;
  const saved = (location.state as { saved?: boolean } | null)?.saved === true && !encounter;

  const guidance =
    current.asking === 'not_asked'
      ? routine.content.ifNotSafe
      : current.asking === 'inform_only'
        ? routine.content.information
        : current.outcome === 'nothing_disclosed'
          ? routine.content.afterNothingDisclosed
          : current.outcome === 'declined'
            ? routine.content.afterDeclined
            : current.exposureForms.length > 0
              ? routine.content.afterExposure
              : routine.content.afterPerpetration;

  const summary = [
    { key: t.flow.check.process, value: current.process.name },
    { key: t.flow.check.meeting, value: `${t.codes.channel[current.channel]}, ${t.codes.basis[current.basis]}, ${t.codes.interpreter[current.interpreter]}` },
    {
      key: t.flow.check.client,
      value: [
        t.codes.sex[current.client.sex],
        t.codes.ageBand[current.client.ageBand],
        current.locationWithheld ? t.flow.check.protectedPlace : (place ?? t.flow.start.unknownMunicipality),
      ].join(', '),
    },
    { key: t.flow.check.asking, value: current.asking ? t.codes.asking[current.asking] : t.list.notCompleted },
    ...(current.notAskedReason ? [{ key: t.flow.check.reason, value: t.codes.reason[current.notAskedReason] }] : []),
    ...(current.outcome ? [{ key: t.flow.check.outcome, value: t.codes.outcome[current.outcome] }] : []),
    ...(current.exposureForms.length > 0 ? [{ key: t.flow.check.exposure, value: current.exposureForms.map((form) => t.codes.form[form]).join(', ') }] : []),
    ...(current.perpetrationForms.length > 0
      ? [{ key: t.flow.check.perpetration, value: current.perpetrationForms.map((form) => t.codes.form[form]).join(', ') }]
      : []),
    ...(current.perpetratorWantsHelp ? [{ key: t.flow.check.wantsHelp, value: t.answers.yes }] : []),
  ];

  return (
    <Page title={interpolate(t.encounter.title, { date: current.occurredOn ? formatDate(current.occurredOn, locale) : current.occurredMonth.slice(0, 7) })}>
      {saved ? (
        <MessageBox variant="success" live>
          {t.encounter.saved}
        </MessageBox>
      ) : null}
      {current.acuteDanger ? (
        <div className="message-box message-box--error" role="alert">
          <div className="message-box__content">
            <h2 className="message-box__heading">{t.flow.danger.heading}</h2>
            <p>{routine.content.acuteDanger}</p>
          </div>
        </div>
      ) : null}
      <h2>{t.encounter.summary}</h2>
      <SummaryList rows={summary} />
      {current.locationWithheld ? <p>{t.encounter.locationWithheld}</p> : null}

      <section aria-labelledby="guidance-heading">
        <h2 id="guidance-heading">{t.encounter.guidanceHeading}</h2>
        <p>{guidance}</p>
        <p>
          <Link to={`/rutiner/${routine.routineId}`}>{t.encounter.routineLink}</Link>
        </p>
        {current.asking === 'not_asked' ? (
          current.followedUpAt ? (
            <p>{interpolate(t.encounter.followedUp, { time: formatDateTime(current.followedUpAt, locale) })}</p>
          ) : can('encounters.update') ? (
            <>
              <p>{t.encounter.followUpLead}</p>
              <Button variant="secondary" onClick={() => void api.post<Encounter>(`/api/v1/encounters/${current.id}/follow-up`).then(setEncounter)}>
                {t.encounter.markFollowedUp}
              </Button>
            </>
          ) : null
        ) : null}
      </section>

      <Referrals encounter={current} routine={routine} municipality={municipality} onChange={setEncounter} canSearch={can('directory.search')} />
      <Information encounter={current} municipality={municipality} onChange={setEncounter} />
      {settings.notesEnabled ? <Note encounter={current} /> : null}
      <p>
        <Link to="/fraga">{t.encounter.backToList}</Link>
      </p>
    </Page>
  );
}

function Suggestions({ services, heading }: { services: ServiceResult[]; heading: string }) {
  const t = useMessages(screeningMessages);
  return (
    <>
      <h3>{heading}</h3>
      {services.length === 0 ? <p>{t.encounter.noSuggestions}</p> : null}
      <ul className="directory-results">
        {services.slice(0, SUGGESTIONS).map((service) => (
          <li key={service.id} className="directory-result">
            <h4 className="directory-result__name">{service.name}</h4>
            <p>{service.phones.map((phone) => `${phone.number}${phone.description ? ` (${phone.description})` : ''}`).join(' · ')}</p>
            <p className="muted">{service.openingHours.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Referrals({
  encounter,
  routine,
  municipality,
  onChange,
  canSearch,
}: {
  encounter: Encounter;
  routine: RoutineVersion;
  municipality: string | undefined;
  onChange(encounter: Encounter): void;
  canSearch: boolean;
}) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const perpetrator = encounter.perpetrationForms.length > 0;
  const exposure = encounter.exposureForms.length > 0;
  const suggestions = useResource(async () => {
    if (!canSearch || !municipality || !(exposure || perpetrator)) return { exposure: [], perpetration: [] };
    const search = (audiences: Audience[]) => api.get<SearchResponse>(`/api/v1/directory/staff/services${query({ municipality, audience: audiences })}`);
    const [forExposure, forPerpetration] = await Promise.all([
      exposure ? search(audiencesFor(encounter, 'exposure')) : Promise.resolve(undefined),
      perpetrator ? search(audiencesFor(encounter, 'perpetration')) : Promise.resolve(undefined),
    ]);
    return { exposure: forExposure?.services ?? [], perpetration: forPerpetration?.services ?? [] };
  }, [encounter.id, municipality, canSearch, locale]);
  const [kind, setKind] = useState<ReferralKind>('signposting');
  const [target, setTarget] = useState<ReferralTarget | ''>(perpetrator && !exposure ? 'perpetrator_programme' : '');
  const [serviceId, setServiceId] = useState('');
  const [scope, setScope] = useState<ConsentScope[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const services = [...(suggestions.data?.exposure ?? []), ...(suggestions.data?.perpetration ?? [])];
  const place = encounter.client.municipality?.name ?? municipality ?? '';

  async function register() {
    const missing: SummaryError[] = [];
    if (!target) missing.push({ fieldId: 'referral-target', message: t.encounter.target });
    if (kind === 'handover' && scope.length === 0) missing.push({ fieldId: 'referral-scope', message: t.encounter.consentScope });
    setErrors(missing);
    if (missing.length > 0 || busy) return;
    setBusy(true);
    try {
      const body = {
        referrals: [
          {
            kind,
            target,
            directoryServiceId: serviceId || null,
            ...(kind === 'handover' ? { consent: { scope } } : {}),
            ...(kind === 'report' ? { reportType: 'police' } : {}),
          },
        ],
      };
      onChange(await api.post<Encounter>(`/api/v1/encounters/${encounter.id}/actions`, body, undefined, { 'Idempotency-Key': key }));
      setKey(crypto.randomUUID());
      setDone(true);
      setScope([]);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(error.fieldErrors.map((fieldError) => ({ fieldId: 'referral-kind', message: fieldError.message })));
    } finally {
      setBusy(false);
    }
  }

  async function change(referralId: string, action: 'confirm_handover' | 'withdraw_consent' | 'mark_report_made') {
    onChange(await api.patch<Encounter>(`/api/v1/encounters/${encounter.id}/referrals/${referralId}`, { action }));
  }

  return (
    <section aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">{t.encounter.referralsHeading}</h2>
      {encounter.childAtRisk ? (
        <p>
          <strong>{t.flow.child.legalReference}:</strong> {routine.content.childConcern.legalReference}{' '}
          <span className="muted">({interpolate(t.flow.child.verified, { date: formatDate(routine.content.childConcern.verifiedOn, locale) })})</span>
        </p>
      ) : null}
      {encounter.referrals.length === 0 ? <p>{t.encounter.noReferrals}</p> : null}
      <ul className="plain-list">
        {encounter.referrals.map((referral) => (
          <li key={referral.id} className="screening-referral">
            <strong>{referral.reportType ? t.codes.reportType[referral.reportType] : t.codes.referralKindShort[referral.kind]}</strong>
            {' – '}
            {t.codes.target[referral.target]}, {t.codes.referralStatus[referral.status]}
            {referral.madeOn ? ` (${interpolate(t.encounter.madeOn, { date: formatDate(referral.madeOn, locale) })})` : ''}
            {referral.municipality ? `, ${referral.municipality.name}` : ''}
            {referral.consent ? (
              <>
                <br />
                {interpolate(t.encounter.consentGivenAt, {
                  time: formatDateTime(referral.consent.givenAt, locale),
                  scope: referral.consent.scope.map((s) => t.codes.consentScope[s]).join(', '),
                })}
                {referral.consent.withdrawnAt ? (
                  <>
                    <br />
                    {interpolate(t.encounter.consentWithdrawnAt, { time: formatDateTime(referral.consent.withdrawnAt, locale) })}
                  </>
                ) : null}
              </>
            ) : null}
            <span className="table-actions">
              {referral.kind === 'handover' && referral.status === 'agreed' && !referral.consent?.withdrawnAt ? (
                <Button variant="secondary" onClick={() => void change(referral.id, 'confirm_handover')}>
                  {t.encounter.confirmHandover}
                </Button>
              ) : null}
              {referral.kind === 'handover' && !referral.consent?.withdrawnAt ? (
                <Button variant="tertiary" onClick={() => void change(referral.id, 'withdraw_consent')}>
                  {t.encounter.withdrawConsent}
                </Button>
              ) : null}
              {referral.kind === 'report' && referral.status === 'planned' ? (
                <Button variant="secondary" onClick={() => void change(referral.id, 'mark_report_made')}>
                  {t.encounter.markReportMade}
                </Button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {exposure || perpetrator ? (
        <>
          {perpetrator ? (
            <>
              <h3>{t.encounter.perpetratorHeading}</h3>
              <p>{routine.content.perpetratorPath}</p>
            </>
          ) : null}
          {!municipality ? <p>{t.encounter.protectedSuggestions}</p> : null}
          {suggestions.data && municipality ? (
            <>
              {exposure ? <Suggestions services={suggestions.data.exposure} heading={interpolate(t.encounter.suggestions, { place })} /> : null}
              {perpetrator ? <Suggestions services={suggestions.data.perpetration} heading={`${t.encounter.perpetratorHeading}: ${place}`} /> : null}
            </>
          ) : null}
          <p>{routine.content.referral}</p>
        </>
      ) : null}
      <h3 id="refer-heading">{t.encounter.addReferral}</h3>
      {done ? (
        <MessageBox variant="success" live>
          {t.encounter.registered}
        </MessageBox>
      ) : null}
      <ErrorSummary errors={errors} />
      <form
        noValidate
        aria-labelledby="refer-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void register();
        }}
      >
        <ChoiceGroup
          id="referral-kind"
          type="radio"
          name="referral-kind"
          label={t.encounter.kind}
          options={(['signposting', 'handover', 'report'] as const).map((value) => ({
            value,
            label: value === 'report' ? t.codes.reportType.police : t.codes.referralKind[value],
          }))}
          value={[kind]}
          onValue={([value]) => setKind((value ?? 'signposting') as ReferralKind)}
        />
        <SelectField
          id="referral-target"
          label={t.encounter.target}
          placeholder={t.flow.start.choose}
          value={target}
          error={errors.find((e) => e.fieldId === 'referral-target')?.message}
          options={REFERRAL_TARGETS.map((value) => ({ value, label: t.codes.target[value] }))}
          onValue={(value) => setTarget(value as ReferralTarget)}
        />
        {services.length > 0 ? (
          <SelectField
            id="referral-service"
            label={t.encounter.service}
            placeholder={t.encounter.noService}
            value={serviceId}
            options={services.map((service) => ({ value: service.id, label: service.name }))}
            onValue={setServiceId}
          />
        ) : null}
        {kind === 'handover' ? (
          <ChoiceGroup
            id="referral-scope"
            type="checkbox"
            name="referral-scope"
            label={t.encounter.consentScope}
            error={errors.find((e) => e.fieldId === 'referral-scope')?.message}
            options={CONSENT_SCOPES.map((value) => ({ value, label: t.codes.consentScope[value] }))}
            value={scope}
            onValue={(values) => setScope(values as ConsentScope[])}
          />
        ) : null}
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {kind === 'handover' ? t.encounter.consentGiven : t.encounter.register}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Information({ encounter, municipality, onChange }: { encounter: Encounter; municipality: string | undefined; onChange(encounter: Encounter): void }) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const labels = directoryLabels[locale];
  const latest = encounter.information[encounter.information.length - 1];
  const [value, setValue] = useState<FlowState['information']>({ material: '', language: '', delivery: '' });
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState(false);
  const language = value.language || latest?.language || 'sv';
  // The handout is written in the public languages, which are exactly the label catalogues' languages.
  const printable = language in directoryLabels ? (language as PublicLanguage) : undefined;
  const place = encounter.client.municipality?.name ?? '';

  async function register() {
    if (!value.material || !value.language || !value.delivery) return;
    onChange(await api.post<Encounter>(`/api/v1/encounters/${encounter.id}/actions`, { information: [value] }, undefined, { 'Idempotency-Key': key }));
    setKey(crypto.randomUUID());
    setDone(true);
  }

  return (
    <section aria-labelledby="information-heading">
      <h2 id="information-heading">{t.encounter.informationHeading}</h2>
      <ul className="plain-list">
        {encounter.information.map((item) => (
          <li key={item.id}>
            {interpolate(t.encounter.informationGiven, {
              material: t.codes.material[item.material],
              language: labels.languages[item.language],
              delivery: t.codes.delivery[item.delivery],
            })}
          </li>
        ))}
      </ul>
      {municipality ? (
        <div className="handout-box">
          <h3>{t.encounter.handoutHeading}</h3>
          {printable ? (
            <p>
              <a href={`/api/v1/directory/handout.pdf${query({ municipality, language: printable })}`} target="_blank" rel="noreferrer">
                {interpolate(t.encounter.handoutPdf, {
                  place: place || municipality,
                  language: labels.languages[language as keyof typeof labels.languages] ?? language,
                })}
              </a>
            </p>
          ) : (
            <p>{interpolate(t.encounter.handoutUnavailable, { language: labels.languages[language as keyof typeof labels.languages] ?? language })}</p>
          )}
          <p>
            <a href={`/stod${query({ kommun: municipality, lang: printable && printable !== 'sv' ? printable : undefined })}`} target="_blank" rel="noreferrer">
              {t.encounter.handoutScreen}
            </a>
          </p>
        </div>
      ) : null}
      <h3 id="add-information-heading">{t.encounter.addInformation}</h3>
      {done ? (
        <MessageBox variant="success" live>
          {t.encounter.registered}
        </MessageBox>
      ) : null}
      <form
        noValidate
        aria-labelledby="add-information-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void register();
        }}
      >
        <InformationFields idPrefix="add-information" value={value} onValue={setValue} />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t.encounter.register}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Note({ encounter }: { encounter: Encounter }) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const [note, setNote] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [noteError, setNoteError] = useState<string>();
  return (
    <section aria-labelledby="note-heading">
      <h2 id="note-heading">{t.encounter.noteHeading}</h2>
      <p className="muted">{t.encounter.noteLogged}</p>
      {note === undefined ? (
        <Button
          variant="secondary"
          onClick={() => void api.get<{ note: string | null }>(`/api/v1/encounters/${encounter.id}/note`).then((result) => setNote(result.note ?? ''))}
        >
          {encounter.hasNote ? t.encounter.showNote : t.encounter.saveNote}
        </Button>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const tooLong = note.trim().length > NOTE_MAX;
            setNoteError(tooLong ? interpolate(t.flow.check.noteTooLong, { limit: formatNumber(NOTE_MAX, locale) }) : undefined);
            if (!tooLong) void api.put(`/api/v1/encounters/${encounter.id}/note`, { note }).then(() => setSaved(true));
          }}
        >
          {saved ? (
            <MessageBox variant="success" live>
              {t.encounter.registered}
            </MessageBox>
          ) : null}
          <ErrorSummary errors={noteError ? [{ fieldId: 'note-text', message: noteError }] : []} />
          <TextArea id="note-text" label={t.encounter.noteHeading} value={note} maxCharacters={NOTE_MAX} rows={4} error={noteError} onValue={setNote} />
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t.encounter.saveNote}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

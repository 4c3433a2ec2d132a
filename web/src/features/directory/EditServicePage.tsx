import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  AUDIENCES,
  directoryChange,
  directoryChangePreview,
  KINDS,
  LANGUAGES,
  serviceDetail,
  serviceHistory,
  serviceInput,
  WEEKDAYS,
  type DirectoryChangePreview,
  type ServiceDetail,
} from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { sortSwedish } from '#shared/i18n/collation.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { parseWithLocale, toFieldErrors } from '#shared/validation.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';
import { EMPTY_FORM, formFieldOf, formFromDetail, inputFromForm, type ScheduleRow, type ServiceForm } from './service-form.ts';

type FieldErrors = Partial<Record<keyof ServiceForm, string>>;
type Place = { code: string; name: string };
type ReferenceData = { municipalities: Place[]; counties: Place[] };

/** Places picked by name from the reference data (Swedish order); the form keeps their SCB codes. */
function PlacePicker(props: {
  id: string;
  label: string;
  hint: string;
  addLabel: string;
  places: readonly Place[];
  value: string[];
  error?: string | undefined;
  onValue(value: string[]): void;
}) {
  const t = useMessages(directoryPageMessages).edit;
  const nameOf = (code: string) => props.places.find((place) => place.code === code)?.name ?? code;
  const chosen = sortSwedish(props.value, nameOf);
  return (
    <div className="place-picker">
      <SelectField
        id={props.id}
        label={`${props.label}: ${props.addLabel}`}
        hint={props.hint}
        error={props.error}
        value=""
        placeholder={t.choose}
        options={sortSwedish(
          props.places.filter((place) => !props.value.includes(place.code)),
          (place) => place.name,
        ).map((place) => ({ value: place.code, label: place.name }))}
        onValue={(code) => {
          if (code) props.onValue([...props.value, code]);
        }}
      />
      {chosen.length === 0 ? (
        <p>{t.noneChosen}</p>
      ) : (
        <ul className="place-picker__chosen" aria-label={props.label}>
          {chosen.map((code) => (
            <li key={code}>
              {nameOf(code)}{' '}
              <Button variant="secondary" onClick={() => props.onValue(props.value.filter((candidate) => candidate !== code))}>
                {interpolate(t.remove, { name: nameOf(code) })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Create or change one entry; a second editor who saves an old version is told and keeps their text. */
export default function EditServicePage() {
  const { id = 'ny' } = useParams();
  const isNew = id === 'ny';
  // Revising one's own returned change (ADR 0112): the form starts from what was returned.
  const [search] = useSearchParams();
  const revising = search.get('andring') ?? undefined;
  const [revision, setRevision] = useState<DirectoryChangePreview | undefined>(undefined);
  const t = useMessages(directoryPageMessages).edit;
  const { locale } = useLocale();
  const labels = directoryLabels[locale];
  const navigate = useNavigate();
  const [form, setForm] = useState<ServiceForm | undefined>(isNew && !revising ? EMPTY_FORM : undefined);
  const [detail, setDetail] = useState<ServiceDetail | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const places = useResource(() => api.get<ReferenceData>('/api/v1/public/reference-data'), []);
  const history = useResource(() => (isNew ? Promise.resolve({ versions: [] }) : api.get(`/api/v1/directory/entries/${id}/history`, serviceHistory)), [id]);
  const loaded = useResource(async () => {
    const returned = revising ? await api.get(`/api/v1/directory/changes/${revising}`, directoryChangePreview) : undefined;
    setRevision(returned);
    if (isNew) {
      if (returned) setForm(formFromDetail({ service: returned.proposed }));
      return null;
    }
    const next = await api.get(`/api/v1/directory/entries/${id}`, serviceDetail);
    setDetail(next);
    setForm(formFromDetail(returned ? { service: returned.proposed } : next));
    return next;
  }, [id, revising]);

  if (!form || (!isNew && !loaded.data) || !places.data) return <Loading />;
  const reference = places.data;
  const set = <K extends keyof ServiceForm>(key: K, value: ServiceForm[K]) => setForm({ ...form, [key]: value });
  const fieldId = (field: keyof ServiceForm) => `service-${field}`;
  const summary = Object.entries(errors).map(([field, text]) => ({ fieldId: fieldId(field as keyof ServiceForm), message: text ?? '' }));
  const editable = isNew || detail?.editable === true;

  async function save() {
    if (!form) return;
    setMessage(null);
    setConflict(null);
    const input = inputFromForm(form, detail);
    const parsed = parseWithLocale(serviceInput, input, locale);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const error of toFieldErrors(parsed.error, 'body', locale)) next[formFieldOf(error.field)] ??= error.message;
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      const verify = form.verify.length > 0;
      const change = isNew
        ? await api.post('/api/v1/directory/entries', { service: input, verify, revises: revision?.id }, directoryChange)
        : await api.put(`/api/v1/directory/entries/${id}`, { version: detail?.version, service: input, verify, revises: revision?.id }, directoryChange);
      // The change waits for a second editor: the author sees the preview of what will be published.
      navigate(`/katalog/andringar/${change.id}`, { state: { saved: t.saved } });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.problem.code === 'version_conflict') {
        setConflict(error.problem.detail ?? error.problem.title);
        return;
      }
      const next: FieldErrors = {};
      for (const fieldError of error.fieldErrors) next[formFieldOf(fieldError.field)] ??= fieldError.message;
      if (error.fieldErrors.length === 0) next.name = error.problem.detail ?? error.problem.title;
      setErrors(next);
    }
  }

  const title = isNew ? t.titleNew : interpolate(t.title, { name: detail?.service.name ?? '' });
  return (
    <Page title={title} hasErrors={summary.length > 0}>
      <ErrorSummary errors={summary} />
      {revision ? (
        <MessageBox variant="warning">
          <p>{interpolate(t.revising, { reviewer: revision.decidedBy ?? '', comment: revision.comment ?? '' })}</p>
        </MessageBox>
      ) : null}
      {message ? (
        <MessageBox variant="success" live>
          <p>{message}</p>
        </MessageBox>
      ) : null}
      {conflict ? (
        <MessageBox variant="error" heading={t.conflictHeading} live>
          <p>{conflict}</p>
          <Button
            variant="secondary"
            onClick={async () => {
              const next = await api.get(`/api/v1/directory/entries/${id}`, serviceDetail);
              setDetail(next);
              setForm(formFromDetail(next));
              setConflict(null);
            }}
          >
            {t.reload}
          </Button>
        </MessageBox>
      ) : null}
      {!editable && detail ? (
        <MessageBox>
          <p>{interpolate(t.notEditable, { owner: detail.owner.name })}</p>
        </MessageBox>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset className="fieldset" disabled={!editable}>
          <TextField
            id={fieldId('organizationName')}
            label={t.organizationName}
            value={form.organizationName}
            onValue={(v) => set('organizationName', v)}
            error={errors.organizationName}
          />
          <TextField id={fieldId('name')} label={t.name} value={form.name} onValue={(v) => set('name', v)} error={errors.name} />
          <TextArea
            id={fieldId('description')}
            label={t.description}
            value={form.description}
            rows={4}
            onValue={(v) => set('description', v)}
            error={errors.description}
          />
          <TextField id={fieldId('url')} label={t.url} value={form.url} onValue={(v) => set('url', v)} error={errors.url} />
          <TextArea
            id={fieldId('phones')}
            label={t.phones}
            hint={t.phonesHint}
            value={form.phones}
            rows={2}
            onValue={(v) => set('phones', v)}
            error={errors.phones}
          />
          <TextArea
            id={fieldId('staffPhones')}
            label={t.staffPhones}
            hint={t.staffPhonesHint}
            value={form.staffPhones}
            rows={2}
            onValue={(v) => set('staffPhones', v)}
          />
          <ChoiceGroup
            id={fieldId('audiences')}
            type="checkbox"
            name="audiences"
            label={t.audiences}
            value={form.audiences}
            onValue={(v) => set('audiences', v)}
            error={errors.audiences}
            options={AUDIENCES.map((code) => ({ value: code, label: labels.audiences[code] }))}
          />
          <ChoiceGroup
            id={fieldId('kinds')}
            type="checkbox"
            name="kinds"
            label={t.kinds}
            value={form.kinds}
            onValue={(v) => set('kinds', v)}
            error={errors.kinds}
            options={KINDS.map((code) => ({ value: code, label: labels.kinds[code] }))}
          />
          <ChoiceGroup
            id={fieldId('languages')}
            type="checkbox"
            name="languages"
            label={t.languages}
            value={form.languages}
            onValue={(v) => set('languages', v)}
            error={errors.languages}
            options={LANGUAGES.map((code) => ({ value: code, label: labels.languages[code] }))}
          />
          <ChoiceGroup
            id={fieldId('interpreter')}
            type="checkbox"
            name="interpreter"
            label={t.interpreter}
            value={form.interpreter}
            onValue={(v) => set('interpreter', v)}
            options={[{ value: 'yes', label: t.yes }]}
          />
          <PlacePicker
            id={fieldId('municipalities')}
            label={t.municipalities}
            hint={t.municipalitiesHint}
            addLabel={t.addMunicipality}
            places={reference.municipalities}
            value={form.municipalities}
            error={errors.municipalities}
            onValue={(v) => set('municipalities', v)}
          />
          <PlacePicker
            id={fieldId('counties')}
            label={t.counties}
            hint={t.countiesHint}
            addLabel={t.addCounty}
            places={reference.counties}
            value={form.counties}
            onValue={(v) => set('counties', v)}
          />
          <fieldset className={`fieldset${errors.schedules ? ' fieldset--error' : ''}`} id={fieldId('schedules')} tabIndex={-1}>
            <legend className="fieldset__label label">
              <span data-field-label={fieldId('schedules')}>{t.schedules}</span>
              <span className="label__description">{t.schedulesHint}</span>
              {errors.schedules ? <span className="label__message label__message--error">{errors.schedules}</span> : null}
            </legend>
            {form.schedules.map((row, index) => {
              const number = index + 1;
              const setRow = (next: Partial<ScheduleRow>) =>
                set(
                  'schedules',
                  form.schedules.map((candidate, at) => (at === index ? { ...candidate, ...next } : candidate)),
                );
              return (
                <div className="schedule-row" key={index}>
                  <ChoiceGroup
                    id={`service-schedule-${number}-days`}
                    type="checkbox"
                    name={`schedule-${number}-days`}
                    label={interpolate(t.scheduleDays, { number })}
                    value={row.days}
                    onValue={(days) => setRow({ days })}
                    options={WEEKDAYS.map((day) => ({ value: day, label: labels.hours.days[day] }))}
                  />
                  <TextField
                    id={`service-schedule-${number}-opens`}
                    label={interpolate(t.opens, { number })}
                    value={row.opens}
                    onValue={(opens) => setRow({ opens })}
                  />
                  <TextField
                    id={`service-schedule-${number}-closes`}
                    label={interpolate(t.closes, { number })}
                    value={row.closes}
                    onValue={(closes) => setRow({ closes })}
                  />
                  <Button
                    variant="secondary"
                    onClick={() =>
                      set(
                        'schedules',
                        form.schedules.filter((_, at) => at !== index),
                      )
                    }
                  >
                    {interpolate(t.removeSchedule, { number })}
                  </Button>
                </div>
              );
            })}
            <Button variant="secondary" onClick={() => set('schedules', [...form.schedules, { days: [], opens: '', closes: '' }])}>
              {t.addSchedule}
            </Button>
          </fieldset>
          <TextField id={fieldId('address')} label={t.address} value={form.address} onValue={(v) => set('address', v)} error={errors.address} />
          <TextField id={fieldId('postalCode')} label={t.postalCode} value={form.postalCode} onValue={(v) => set('postalCode', v)} />
          <TextField id={fieldId('city')} label={t.city} value={form.city} onValue={(v) => set('city', v)} />
          <ChoiceGroup
            id={fieldId('confidential')}
            type="checkbox"
            name="confidential"
            label={t.confidential}
            value={form.confidential}
            onValue={(v) => set('confidential', v)}
            options={[{ value: 'yes', label: t.yes }]}
          />
          <ChoiceGroup
            id={fieldId('verify')}
            type="checkbox"
            name="verify"
            label={t.verify}
            value={form.verify}
            onValue={(v) => set('verify', v)}
            options={[{ value: 'yes', label: t.yes }]}
          />
          <div className="form-actions">
            <Button type="submit">{t.save}</Button>
          </div>
        </fieldset>
      </form>
      {history.data && history.data.versions.length > 0 ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t.history}</h2>
          <ul>
            {history.data.versions.map((version) => (
              <li key={version.version}>
                {interpolate(t.historyRow, {
                  version: version.version,
                  change: t.changes[version.change],
                  date: formatDateTime(version.changedAt, locale),
                  by: version.changedBy ?? t.unknownBy,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

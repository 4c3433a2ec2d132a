import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { AUDIENCES, KINDS, LANGUAGES, serviceDetail, serviceHistory, serviceInput, type ServiceDetail } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { parseWithLocale, toFieldErrors } from '#shared/validation.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';
import { EMPTY_FORM, formFieldOf, formFromDetail, inputFromForm, type ServiceForm } from './service-form.ts';

type FieldErrors = Partial<Record<keyof ServiceForm, string>>;

/** Create or change one entry; a second editor who saves an old version is told and keeps their text. */
export default function EditServicePage() {
  const { id = 'ny' } = useParams();
  const isNew = id === 'ny';
  const t = useMessages(directoryPageMessages).edit;
  const { locale } = useLocale();
  const labels = directoryLabels[locale];
  const navigate = useNavigate();
  const [form, setForm] = useState<ServiceForm | undefined>(isNew ? EMPTY_FORM : undefined);
  const [detail, setDetail] = useState<ServiceDetail | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const history = useResource(() => (isNew ? Promise.resolve({ versions: [] }) : api.get(`/api/v1/directory/entries/${id}/history`, serviceHistory)), [id]);
  const loaded = useResource(async () => {
    if (isNew) return undefined;
    const next = await api.get(`/api/v1/directory/entries/${id}`, serviceDetail);
    setDetail(next);
    setForm(formFromDetail(next));
    return next;
  }, [id]);

  if (!form || (!isNew && !loaded.data)) return <Loading />;
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
      const saved = isNew
        ? await api.post('/api/v1/directory/entries', { service: input, verify }, serviceDetail)
        : await api.put(`/api/v1/directory/entries/${id}`, { version: detail?.version, service: input, verify }, serviceDetail);
      setMessage(interpolate(t.saved, { version: saved.version }));
      if (isNew) {
        navigate(`/katalog/poster/${saved.id}`, { replace: true });
        return;
      }
      setDetail(saved);
      setForm({ ...formFromDetail(saved) });
      await history.reload();
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
          <TextField id={fieldId('organizationName')} label={t.organizationName} value={form.organizationName} onValue={(v) => set('organizationName', v)} error={errors.organizationName} />
          <TextField id={fieldId('name')} label={t.name} value={form.name} onValue={(v) => set('name', v)} error={errors.name} />
          <TextArea id={fieldId('description')} label={t.description} value={form.description} rows={4} onValue={(v) => set('description', v)} error={errors.description} />
          <TextField id={fieldId('url')} label={t.url} value={form.url} onValue={(v) => set('url', v)} error={errors.url} />
          <TextArea id={fieldId('phones')} label={t.phones} hint={t.phonesHint} value={form.phones} rows={2} onValue={(v) => set('phones', v)} error={errors.phones} />
          <TextArea id={fieldId('staffPhones')} label={t.staffPhones} hint={t.staffPhonesHint} value={form.staffPhones} rows={2} onValue={(v) => set('staffPhones', v)} />
          <ChoiceGroup id={fieldId('audiences')} type="checkbox" name="audiences" label={t.audiences} value={form.audiences} onValue={(v) => set('audiences', v)} error={errors.audiences}
            options={AUDIENCES.map((code) => ({ value: code, label: labels.audiences[code] }))} />
          <ChoiceGroup id={fieldId('kinds')} type="checkbox" name="kinds" label={t.kinds} value={form.kinds} onValue={(v) => set('kinds', v)} error={errors.kinds}
            options={KINDS.map((code) => ({ value: code, label: labels.kinds[code] }))} />
          <ChoiceGroup id={fieldId('languages')} type="checkbox" name="languages" label={t.languages} value={form.languages} onValue={(v) => set('languages', v)} error={errors.languages}
            options={LANGUAGES.map((code) => ({ value: code, label: labels.languages[code] }))} />
          <ChoiceGroup id={fieldId('interpreter')} type="checkbox" name="interpreter" label={t.interpreter} value={form.interpreter} onValue={(v) => set('interpreter', v)}
            options={[{ value: 'yes', label: t.yes }]} />
          <TextField id={fieldId('municipalities')} label={t.municipalities} hint={t.municipalitiesHint} value={form.municipalities} onValue={(v) => set('municipalities', v)} error={errors.municipalities} />
          <TextField id={fieldId('counties')} label={t.counties} hint={t.countiesHint} value={form.counties} onValue={(v) => set('counties', v)} />
          <TextArea id={fieldId('schedules')} label={t.schedules} hint={t.schedulesHint} value={form.schedules} rows={4} onValue={(v) => set('schedules', v)} error={errors.schedules} />
          <TextField id={fieldId('address')} label={t.address} value={form.address} onValue={(v) => set('address', v)} error={errors.address} />
          <TextField id={fieldId('postalCode')} label={t.postalCode} value={form.postalCode} onValue={(v) => set('postalCode', v)} />
          <TextField id={fieldId('city')} label={t.city} value={form.city} onValue={(v) => set('city', v)} />
          <ChoiceGroup id={fieldId('confidential')} type="checkbox" name="confidential" label={t.confidential} value={form.confidential} onValue={(v) => set('confidential', v)}
            options={[{ value: 'yes', label: t.yes }]} />
          <ChoiceGroup id={fieldId('verify')} type="checkbox" name="verify" label={t.verify} value={form.verify} onValue={(v) => set('verify', v)}
            options={[{ value: 'yes', label: t.yes }]} />
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

import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { AUDIENCES, LANGUAGES, PUBLIC_LANGUAGES, searchResponse, type PublicLanguage, type SearchResponse } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, ApiProblem, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

const referenceData = z.object({ municipalities: z.array(z.object({ code: z.string(), name: z.string(), countyCode: z.string() })) });
const LANGUAGE_NAMES: Record<PublicLanguage, string> = { sv: 'Svenska', en: 'English', ar: 'العربية', lattlast: 'Lättläst svenska' };

/** Caseworkers find where to refer a client, and print or show the handout. */
export default function DirectorySearchPage() {
  const t = useMessages(directoryPageMessages).search;
  const { locale } = useLocale();
  const { can } = useSession();
  const labels = directoryLabels[locale];
  const reference = useResource(() => api.get('/api/v1/public/reference-data', referenceData), []);
  const [municipality, setMunicipality] = useState('');
  const [audiences, setAudiences] = useState<string[]>([]);
  const [language, setLanguage] = useState('');
  const [text, setText] = useState('');
  const [handoutLanguage, setHandoutLanguage] = useState<PublicLanguage>('sv');
  const [result, setResult] = useState<SearchResponse | undefined>(undefined);
  const [errors, setErrors] = useState<SummaryError[]>([]);

  async function search() {
    setErrors([]);
    try {
      setResult(
        await api.get(
          `/api/v1/directory/staff/services${query({ municipality, audience: audiences, language: language || undefined, q: text || undefined })}`,
          searchResponse,
        ),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setResult(undefined);
      setErrors(error.fieldErrors.map((fieldError) => ({ fieldId: `directory-${fieldError.field}`, message: fieldError.message })));
    }
  }

  if (!reference.data) return <Loading />;
  return (
    <Page title={t.title} lead={t.lead} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <SelectField
          id="directory-municipality"
          label={t.municipality}
          value={municipality}
          placeholder={t.chooseMunicipality}
          options={reference.data.municipalities.map((option) => ({ value: option.code, label: option.name }))}
          onValue={setMunicipality}
          error={errors.find((error) => error.fieldId === 'directory-municipality')?.message}
        />
        <ChoiceGroup
          id="directory-audience"
          type="checkbox"
          name="audience"
          label={t.audiences}
          hint={t.audiencesHint}
          value={audiences}
          onValue={setAudiences}
          options={AUDIENCES.filter((code) => code !== 'everyone').map((code) => ({ value: code, label: labels.audiences[code] }))}
        />
        <SelectField
          id="directory-language"
          label={t.language}
          value={language}
          placeholder={t.anyLanguage}
          options={LANGUAGES.map((code) => ({ value: code, label: labels.languages[code] }))}
          onValue={setLanguage}
        />
        <TextField id="directory-q" label={t.text} value={text} onValue={setText} />
        <div className="form-actions">
          <Button type="submit">{t.submit}</Button>
        </div>
      </form>
      {result ? (
        <section aria-labelledby="directory-results">
          <h2 id="directory-results">{interpolate(t.results, { count: result.services.length })}</h2>
          {result.services.length === 0 ? <p>{t.none}</p> : null}
          <ul className="directory-results">
            {result.services.map((service) => (
              <li key={service.id} className="directory-result">
                <h3 className="directory-result__name">{service.name}</h3>
                <p>
                  <span className="status-tag">{labels.level[service.level]}</span>{' '}
                  {service.verification.status === 'unverified' ? <span className="status-tag status-tag--warning">{labels.unverified}</span> : null}{' '}
                  {service.verification.overdue ? <span className="status-tag status-tag--warning">{labels.overdue}</span> : null}{' '}
                  {service.demo ? <span className="status-tag">{labels.demo}</span> : null}
                </p>
                <p>{service.kinds.map((kind) => labels.kinds[kind]).join(', ')}</p>
                {service.phones.length > 0 ? (
                  <ul className="directory-result__phones" aria-label={t.phones}>
                    {service.phones.map((phone) => (
                      <li key={phone.number}>
                        {phone.number}
                        {phone.description ? ` – ${phone.description}` : ''}
                        {phone.staffOnly ? <strong> ({t.staffOnly})</strong> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {service.description ? <p>{service.description}</p> : null}
                {service.confidentialLocation ? <p>{labels.confidentialLocation}</p> : null}
                <p>{service.openingHours.text}</p>
                <p className="directory-result__why">
                  {t.why}: {service.reasons.map((reason) => reason.text).join(' · ')}
                </p>
                {can('directory.edit') ? (
                  <p>
                    <Link to={`/katalog/poster/${service.id}`}>{interpolate(t.edit, { name: service.name })}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {result.municipality ? (
            <section aria-labelledby="handout-heading" className="handout-box">
              <h2 id="handout-heading">{t.handoutTitle}</h2>
              <p>{t.handoutPrivacy}</p>
              <SelectField
                id="handout-language"
                label={t.handoutLanguage}
                value={handoutLanguage}
                options={PUBLIC_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
                onValue={(value) => setHandoutLanguage(value as PublicLanguage)}
              />
              <p>
                <a
                  href={`/api/v1/directory/handout.pdf${query({ municipality: result.municipality.code, language: handoutLanguage })}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {interpolate(t.handoutLink, { place: result.municipality.name })}
                </a>
              </p>
              <p>
                <a
                  href={`/stod${query({ kommun: result.municipality.code, lang: handoutLanguage === 'sv' ? undefined : handoutLanguage })}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t.handoutScreen}
                </a>
              </p>
            </section>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { directoryChange, directoryChangePreview, type DirectoryChangePreview } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

type Service = DirectoryChangePreview['proposed'];
type ReferenceData = { municipalities: Array<{ code: string; name: string }>; counties: Array<{ code: string; name: string }> };
type Field = keyof Service;
const FIELDS: Field[] = [
  'organizationName',
  'name',
  'description',
  'url',
  'email',
  'status',
  'audiences',
  'kinds',
  'languages',
  'interpreter',
  'eligibility',
  'area',
  'phones',
  'locations',
  'schedules',
  'note',
  'source',
];

/** The public search's card of a service (server-rendered there; the same content and order here, ADR 0113). */
function ServiceCard({ card }: { card: DirectoryChangePreview['card'] }) {
  const t = useMessages(directoryPageMessages).change;
  const labels = directoryLabels.sv;
  return (
    <div className="service-preview" lang="sv">
      <h3 className="service-preview__name">{card.name}</h3>
      <p className="service-preview__kinds">{card.kinds.map((kind) => labels.kinds[kind]).join(', ')}</p>
      {card.phones.length > 0 ? (
        <p>
          {t.cardPhone}:{' '}
          {card.phones.map((phone, index) => (
            <span key={phone.number}>
              {index > 0 ? ', ' : null}
              <a href={`tel:${phone.number.replace(/[^\d+]/g, '')}`} dir="ltr">
                {phone.number}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      {card.url ? (
        <p>
          {t.cardWeb}: <span dir="ltr">{card.url}</span>
        </p>
      ) : null}
      {card.description ? <p>{card.description}</p> : null}
      {card.confidentialLocation ? <p>{labels.confidentialLocation}</p> : null}
      <p>{card.openingHours.text}</p>
      <p>{t.cardWhy}:</p>
      <ul>
        {card.reasons.map((reason) => (
          <li key={`${reason.code}-${reason.value ?? ''}`}>{reason.text}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The preview of a pending directory change (issue 22): the published version beside the
 * proposed one, field by field. Another editor than the author publishes it or returns it with a
 * comment; the author sees that it waits for someone else.
 */
export default function ChangePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const t = useMessages(directoryPageMessages).change;
  const { locale } = useLocale();
  const labels = directoryLabels[locale];
  const preview = useResource(() => api.get(`/api/v1/directory/changes/${id}`, directoryChangePreview), [id]);
  const places = useResource(() => api.get<ReferenceData>('/api/v1/public/reference-data'), []);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>((location.state as { saved?: string } | null)?.saved ?? null);
  if (!preview.data || !places.data) return <Loading />;
  const change = preview.data;
  const reference = places.data;
  const placeName = (code: string) => [...reference.counties, ...reference.municipalities].find((place) => place.code === code)?.name ?? code;

  const text = (service: Service | null, field: Field): string => {
    if (!service) return t.notPublished;
    switch (field) {
      case 'audiences':
        return service.audiences.map((code) => labels.audiences[code]).join(', ');
      case 'kinds':
        return service.kinds.map((code) => labels.kinds[code]).join(', ');
      case 'languages':
        return service.languages.map((code) => labels.languages[code]).join(', ');
      case 'interpreter':
        return service.interpreter ? t.yes : t.no;
      case 'area':
        return [service.area.national ? t.national : '', ...service.area.counties.map(placeName), ...service.area.municipalities.map(placeName)]
          .filter(Boolean)
          .join(', ');
      case 'phones':
        return service.phones.map((phone) => (phone.staffOnly ? `${phone.number} (${t.staffOnly})` : phone.number)).join(', ');
      case 'locations':
        return service.locations
          .map((place) => [place.address, place.postalCode, place.city].filter(Boolean).join(' ') + (place.confidential ? ` (${t.protected})` : ''))
          .join('; ');
      case 'schedules':
        return service.schedules.map((schedule) => `${labels.hours.days[schedule.byday]} ${schedule.opens}–${schedule.closes}`).join(', ');
      default: {
        const value = service[field];
        return value === null || value === undefined ? '' : String(value);
      }
    }
  };
  const rows = FIELDS.filter((field) => text(change.published, field) !== text(change.proposed, field)).map((field) => ({
    field,
    published: text(change.published, field),
    proposed: text(change.proposed, field),
  }));

  async function decide(kind: 'publish' | 'return') {
    setError(null);
    if (kind === 'return' && comment.trim() === '') {
      setError(t.commentRequired);
      return;
    }
    try {
      const decided =
        kind === 'publish'
          ? await api.post(`/api/v1/directory/changes/${id}/publish`, {}, directoryChange)
          : await api.post(`/api/v1/directory/changes/${id}/return`, { comment }, directoryChange);
      setDone(decided.status === 'published' ? t.published_ : interpolate(t.returned, { comment: decided.comment ?? '' }));
      await preview.reload();
    } catch (problem) {
      if (!(problem instanceof ApiProblem)) throw problem;
      setError(problem.problem.detail ?? problem.problem.title);
    }
  }

  const title = interpolate(change.serviceId === null ? t.titleNew : t.title, { name: change.name });
  return (
    <Page title={title} lead={interpolate(t.lead, { author: change.author })} hasErrors={error !== null}>
      <ErrorSummary errors={error ? [{ fieldId: 'change-comment', message: error }] : []} />
      {done ? (
        <MessageBox variant="success" live>
          <p>{done}</p>
        </MessageBox>
      ) : null}
      {change.status === 'returned' && change.ownChange ? (
        <MessageBox variant="warning" heading={t.returnedHeading}>
          <p>{interpolate(t.returnedBy, { reviewer: change.decidedBy ?? '', comment: change.comment ?? '' })}</p>
          {change.revisable ? (
            <p>
              <Link to={`/katalog/poster/${change.serviceId ?? 'ny'}?andring=${change.id}`}>{t.revise}</Link>
            </p>
          ) : null}
        </MessageBox>
      ) : null}
      <section aria-labelledby="change-card-heading">
        <h2 id="change-card-heading">{t.cardHeading}</h2>
        <p>{t.cardLead}</p>
        <ServiceCard card={change.card} />
      </section>
      <h2>{t.diffHeading}</h2>
      <DataTable
        caption={t.caption}
        rows={rows}
        rowKey={(row) => row.field}
        emptyText={t.unchanged}
        columns={[
          { key: 'field', header: t.field, render: (row) => t.fields[row.field] },
          { key: 'published', header: t.published, render: (row) => row.published },
          { key: 'proposed', header: t.proposed, render: (row) => row.proposed },
        ]}
      />
      <p>{t.unchanged}</p>
      {change.status === 'pending' && change.ownChange ? (
        <MessageBox>
          <p>{t.ownChange}</p>
        </MessageBox>
      ) : null}
      {change.status === 'pending' && !change.ownChange ? (
        <>
          <div className="form-actions">
            <Button onClick={() => void decide('publish')}>{t.publish}</Button>
          </div>
          <TextArea id="change-comment" label={t.comment} hint={t.commentHint} value={comment} rows={3} onValue={setComment} />
          <div className="form-actions">
            <Button variant="secondary" onClick={() => void decide('return')}>
              {t.return}
            </Button>
          </div>
        </>
      ) : null}
      <p>
        <Link to="/katalog/redaktion">{t.back}</Link>
      </p>
    </Page>
  );
}

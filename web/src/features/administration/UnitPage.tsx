import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { unitDetail, unitList, unitSchema, updateUnitRequest, type Unit, type UnitDetail } from '#shared/contracts/administration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDateTime } from '#shared/time/stockholm.ts';
import { api, query } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';
import { flatten, indentedName, selfAndBelow, unitTree } from './unit-tree.ts';

function describeChange(values: Record<string, unknown> | null, names: Map<string, string>): string {
  if (!values) return '–';
  return Object.entries(values)
    .map(([key, value]) => (key === 'parentId' ? (typeof value === 'string' ? (names.get(value) ?? value) : '–') : String(value ?? '–')))
    .join(', ');
}

function UnitEditor({ detail, units, onSaved }: { detail: UnitDetail; units: Unit[]; onSaved(): Promise<void> }) {
  const t = useMessages(administrationMessages);
  const { unit } = detail;
  const [saved, setSaved] = useState(false);
  const form = useForm(
    updateUnitRequest,
    { version: unit.version, name: unit.name, parentId: unit.parentId ?? '', municipalityCode: unit.municipalityCode ?? '' },
    { idPrefix: 'edit' },
  );
  const excluded = selfAndBelow(units, unit.id);
  const parents = flatten(unitTree(units.filter((u) => u.active && !excluded.has(u.id))));
  return (
    <section>
      <h2>{t.units.editHeading}</h2>
      {saved ? (
        <MessageBox variant="success" live>
          {t.common.saved}
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            await api.patch(`/api/v1/admin/units/${unit.id}`, data, unitSchema);
            setSaved(true);
            await onSaved();
          });
        }}
      >
        <TextField
          id={form.fieldId('name')}
          label={t.common.name}
          value={form.values.name ?? ''}
          error={form.errorFor('name')}
          onValue={(value) => form.set('name', value)}
        />
        <SelectField
          id={form.fieldId('parentId')}
          label={t.units.parent}
          placeholder={t.units.parentNone}
          options={parents.map((node) => ({ value: node.id, label: indentedName(node) }))}
          value={String(form.values.parentId ?? '')}
          error={form.errorFor('parentId')}
          onValue={(value) => form.set('parentId', value)}
        />
        <TextField
          id={form.fieldId('municipalityCode')}
          label={t.units.municipality}
          hint={t.units.municipalityHint}
          inputMode="numeric"
          value={String(form.values.municipalityCode ?? '')}
          error={form.errorFor('municipalityCode')}
          onValue={(value) => form.set('municipalityCode', value)}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.common.save}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** One unit: its place, its history, and (for those who manage units) changes. */
export default function UnitPage() {
  const t = useMessages(administrationMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const { id = '' } = useParams();
  const detail = useResource(() => api.get(`/api/v1/admin/units/${id}`, unitDetail), [id]);
  const organisationId = detail.data?.organisation.id;
  const units = useResource(
    () => (organisationId ? api.get(`/api/v1/admin/units${query({ organisationId })}`, unitList) : Promise.resolve(null)),
    [organisationId],
  );
  const activation = useForm(z.object({}), {}, { idPrefix: 'activation' });
  if (detail.error) return <ProblemPage error={detail.error} />;
  if (!detail.data) return <Loading />;
  const { unit, organisation, ancestors, children, history, currentMembers } = detail.data;
  const names = new Map((units.data?.units ?? []).map((u) => [u.id, u.name]));
  const manage = can('units.manage');
  return (
    <Page title={unit.name} hasErrors={activation.summary.length > 0} lead={organisation.name}>
      <p>
        <Link to="/administration/enheter">{interpolate(t.common.back, { title: t.units.title })}</Link>
      </p>
      <h2>{t.units.detailsHeading}</h2>
      <SummaryList
        rows={[
          { key: t.units.path, value: [organisation.name, ...ancestors.map((a) => a.name), unit.name].join(' › ') },
          { key: t.units.level, value: t.units.levels[unit.level] },
          { key: t.units.municipality, value: unit.municipalityCode ?? t.common.none },
          { key: t.units.county, value: unit.countyCode ?? t.common.none },
          { key: t.common.status, value: unit.active ? t.common.active : t.common.inactive },
          { key: t.units.members, value: String(currentMembers) },
          { key: t.units.children, value: children.length > 0 ? children.map((c) => c.name).join(', ') : t.common.none },
        ]}
      />
      {manage && units.data ? (
        <UnitEditor
          key={unit.version}
          detail={detail.data}
          units={units.data.units}
          onSaved={async () => {
            await detail.reload();
            await units.reload();
          }}
        />
      ) : null}
      {manage ? (
        <section>
          <h2>{t.units.deactivateHeading}</h2>
          <p>{t.units.deactivateText}</p>
          <ErrorSummary errors={activation.summary} />
          <Button
            id={activation.fieldId('form')}
            variant="secondary"
            disabled={activation.submitting}
            onClick={() =>
              void activation.submit(async () => {
                await api.post(`/api/v1/admin/units/${unit.id}/${unit.active ? 'deactivate' : 'reactivate'}`, { version: unit.version }, unitSchema);
                await detail.reload();
              })
            }
          >
            {unit.active ? t.units.deactivate : t.units.reactivate}
          </Button>
        </section>
      ) : null}
      <h2>{t.units.historyHeading}</h2>
      <DataTable
        caption={t.units.historyCaption}
        rowKey={(row) => String(row.id)}
        rows={history}
        columns={[
          { key: 'when', header: t.units.when, render: (row) => formatDateTime(row.changedAt, locale) },
          { key: 'change', header: t.units.change, render: (row) => t.units.changes[row.change] },
          { key: 'detail', header: t.units.changeDetail, render: (row) => `${describeChange(row.before, names)} → ${describeChange(row.after, names)}` },
        ]}
      />
    </Page>
  );
}

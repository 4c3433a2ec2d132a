import { useNavigate, useSearchParams } from 'react-router';
import { createUnitRequest, unitList, unitSchema, UNIT_LEVELS } from '#shared/contracts/administration.ts';
import { api, query } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';
import { flatten, indentedName, unitTree } from './unit-tree.ts';

/** Creating a unit, under a parent or at the top of the organisation. */
export default function NewUnitPage() {
  const t = useMessages(administrationMessages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const organisationId = params.get('organisation') ?? undefined;
  const units = useResource(() => api.get(`/api/v1/admin/units${query({ organisationId })}`, unitList), [organisationId]);
  const form = useForm(
    createUnitRequest,
    { organisationId, parentId: params.get('parent') ?? '', level: 'unit', name: '', municipalityCode: '' },
    { idPrefix: 'unit' },
  );
  if (units.error) return <ProblemPage error={units.error} />;
  if (!units.data) return <Loading />;
  const parents = flatten(unitTree(units.data.units.filter((unit) => unit.active)));
  return (
    <Page title={t.units.newTitle} hasErrors={form.summary.length > 0} lead={units.data.organisation.name}>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (data) => {
            const created = await api.post('/api/v1/admin/units', data, unitSchema);
            navigate(`/administration/enheter/${created.id}`);
          });
        }}
      >
        <TextField
          id={form.fieldId('name')}
          label={t.common.name}
          value={form.values.name}
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
        <ChoiceGroup
          id={form.fieldId('level')}
          type="radio"
          name="level"
          label={t.units.level}
          options={UNIT_LEVELS.map((level) => ({ value: level, label: t.units.levels[level] }))}
          value={[form.values.level]}
          error={form.errorFor('level')}
          onValue={([level]) => form.set('level', (level ?? 'unit') as (typeof UNIT_LEVELS)[number])}
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
            {t.units.create}
          </Button>
        </div>
      </form>
    </Page>
  );
}

import type { z } from 'zod';
import { BODY_KINDS, MEETING_CADENCES, RESPONSIBILITY_AREAS, type bodyInput, type OrganisationOptions } from '#shared/contracts/collaboration.ts';
import { useMessages } from '../../app/locale.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import type { useForm } from '../../ui/use-form.ts';
import { collaborationMessages } from './messages.ts';
import { optionsOf } from './helpers.ts';

type BodyFields = z.input<typeof bodyInput>;
/** The form state of a schema that has at least the body's fields (new or edit). */
type BodyFormState = Pick<ReturnType<typeof useForm<typeof bodyInput>>, 'fieldId' | 'errorFor'> & {
  values: BodyFields;
  set<K extends keyof BodyFields>(key: K, value: BodyFields[K]): void;
};

/** The fields of a body, shared by creating and changing one. */
export function BodyFields({ form, organisations }: { form: BodyFormState; organisations: OrganisationOptions['organisations'] }) {
  const t = useMessages(collaborationMessages);
  return (
    <>
      <TextField
        id={form.fieldId('name')}
        label={t.bodyForm.name}
        value={form.values.name}
        error={form.errorFor('name')}
        onValue={(value) => form.set('name', value)}
      />
      <ChoiceGroup
        id={form.fieldId('kind')}
        type="radio"
        name="kind"
        label={t.bodyForm.kind}
        options={optionsOf(BODY_KINDS, t.kinds)}
        value={[form.values.kind]}
        error={form.errorFor('kind')}
        onValue={([kind]) => form.set('kind', (kind ?? 'development') as BodyFields['kind'])}
      />
      <SelectField
        id={form.fieldId('leadingOrganisationId')}
        label={t.bodyForm.leading}
        placeholder={t.common.chooseOrganisation}
        options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        value={form.values.leadingOrganisationId}
        error={form.errorFor('leadingOrganisationId')}
        onValue={(value) => form.set('leadingOrganisationId', value)}
      />
      <ChoiceGroup
        id={form.fieldId('responsibilityAreas')}
        type="checkbox"
        name="responsibilityAreas"
        label={t.bodyForm.areas}
        hint={t.bodyForm.areasHint}
        options={optionsOf(RESPONSIBILITY_AREAS, t.areas)}
        value={form.values.responsibilityAreas}
        error={form.errorFor('responsibilityAreas')}
        onValue={(value) => form.set('responsibilityAreas', value as BodyFields['responsibilityAreas'])}
      />
      <SelectField
        id={form.fieldId('meetingCadence')}
        label={t.bodyForm.cadence}
        options={optionsOf(MEETING_CADENCES, t.cadences)}
        value={form.values.meetingCadence}
        error={form.errorFor('meetingCadence')}
        onValue={(value) => form.set('meetingCadence', value as BodyFields['meetingCadence'])}
      />
      <TextArea
        id={form.fieldId('purpose')}
        label={`${t.bodyForm.purpose} ${t.common.optional}`}
        hint={t.bodyForm.purposeHint}
        rows={3}
        value={String(form.values.purpose ?? '')}
        error={form.errorFor('purpose')}
        onValue={(value) => form.set('purpose', value)}
      />
    </>
  );
}

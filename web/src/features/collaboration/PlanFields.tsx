import type { z } from 'zod';
import type { createWorkPlanRequest } from '#shared/contracts/collaboration.ts';
import { useMessages } from '../../app/locale.tsx';
import { TextArea, TextField } from '../../ui/fields.tsx';
import { collaborationMessages } from './messages.ts';

type Fields = Omit<z.input<typeof createWorkPlanRequest>, 'bodyId'>;
type FormState = {
  values: Fields;
  set<K extends keyof Fields>(key: K, value: Fields[K]): void;
  fieldId(field: string): string;
  errorFor(field: string): string | undefined;
};

/** A work plan's frame (roadmap Bilaga 2): name, period, purpose and baseline. */
export function PlanFields({ form }: { form: FormState }) {
  const t = useMessages(collaborationMessages);
  return (
    <>
      <TextField
        id={form.fieldId('title')}
        label={t.planForm.title}
        hint={t.planForm.titleHint}
        value={form.values.title}
        error={form.errorFor('title')}
        onValue={(value) => form.set('title', value)}
      />
      <div className="field-grid">
        <TextField
          id={form.fieldId('periodStart')}
          label={t.planForm.periodStart}
          hint={t.common.dateHint}
          inputMode="numeric"
          autoComplete="off"
          value={form.values.periodStart}
          error={form.errorFor('periodStart')}
          onValue={(value) => form.set('periodStart', value)}
        />
        <TextField
          id={form.fieldId('periodEnd')}
          label={t.planForm.periodEnd}
          hint={t.common.dateHint}
          inputMode="numeric"
          autoComplete="off"
          value={form.values.periodEnd}
          error={form.errorFor('periodEnd')}
          onValue={(value) => form.set('periodEnd', value)}
        />
      </div>
      <TextArea
        id={form.fieldId('purpose')}
        label={t.planForm.purpose}
        hint={t.planForm.purposeHint}
        rows={4}
        value={String(form.values.purpose ?? '')}
        error={form.errorFor('purpose')}
        onValue={(value) => form.set('purpose', value)}
      />
      <TextArea
        id={form.fieldId('baselineExisting')}
        label={t.planForm.baselineExisting}
        hint={t.planForm.baselineHint}
        rows={4}
        value={String(form.values.baselineExisting ?? '')}
        error={form.errorFor('baselineExisting')}
        onValue={(value) => form.set('baselineExisting', value)}
      />
      <TextArea
        id={form.fieldId('baselineMissing')}
        label={t.planForm.baselineMissing}
        rows={4}
        value={String(form.values.baselineMissing ?? '')}
        error={form.errorFor('baselineMissing')}
        onValue={(value) => form.set('baselineMissing', value)}
      />
    </>
  );
}

import type { z } from 'zod';
import type { createMeetingRequest } from '#shared/contracts/collaboration.ts';
import { useMessages } from '../../app/locale.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { collaborationMessages } from './messages.ts';

type Fields = Omit<z.input<typeof createMeetingRequest>, 'bodyId'>;
type FormState = {
  values: Fields;
  set<K extends keyof Fields>(key: K, value: Fields[K]): void;
  fieldId(field: string): string;
  errorFor(field: string): string | undefined;
};

/** Time and place of a meeting, in Swedish local time: the same fields to schedule and to change it. */
export function MeetingFields({ form, members }: { form: FormState; members: Array<{ id: string; label: string }> }) {
  const t = useMessages(collaborationMessages).meetingForm;
  const common = useMessages(collaborationMessages).common;
  return (
    <>
      <TextField
        id={form.fieldId('title')}
        label={t.title}
        hint={t.titleHint}
        value={form.values.title}
        error={form.errorFor('title')}
        onValue={(value) => form.set('title', value)}
      />
      <TextField
        id={form.fieldId('date')}
        label={t.date}
        hint={common.dateHint}
        inputMode="numeric"
        autoComplete="off"
        value={form.values.date}
        error={form.errorFor('date')}
        onValue={(value) => form.set('date', value)}
      />
      <div className="field-grid">
        <TextField
          id={form.fieldId('startTime')}
          label={t.startTime}
          hint={t.timeHint}
          inputMode="numeric"
          autoComplete="off"
          value={form.values.startTime}
          error={form.errorFor('startTime')}
          onValue={(value) => form.set('startTime', value)}
        />
        <TextField
          id={form.fieldId('endTime')}
          label={t.endTime}
          hint={t.timeHint}
          inputMode="numeric"
          autoComplete="off"
          value={form.values.endTime}
          error={form.errorFor('endTime')}
          onValue={(value) => form.set('endTime', value)}
        />
      </div>
      <TextField
        id={form.fieldId('location')}
        label={t.location}
        hint={t.locationHint}
        value={String(form.values.location ?? '')}
        error={form.errorFor('location')}
        onValue={(value) => form.set('location', value)}
      />
      <TextField
        id={form.fieldId('onlineUrl')}
        type="url"
        label={t.onlineUrl}
        hint={t.onlineUrlHint}
        value={String(form.values.onlineUrl ?? '')}
        error={form.errorFor('onlineUrl')}
        onValue={(value) => form.set('onlineUrl', value)}
      />
      <SelectField
        id={form.fieldId('convenerMemberId')}
        label={t.convener}
        placeholder={t.noConvener}
        options={members.map((member) => ({ value: member.id, label: member.label }))}
        value={String(form.values.convenerMemberId ?? '')}
        error={form.errorFor('convenerMemberId')}
        onValue={(value) => form.set('convenerMemberId', value)}
      />
    </>
  );
}

import { useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { useSession, useSignedInSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup } from '../../ui/fields.tsx';
import { Page } from '../../ui/Page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { loginMessages } from './messages.ts';

export function ChooseUnitPage() {
  const t = useMessages(loginMessages);
  const app = useMessages(appMessages);
  const session = useSignedInSession();
  const { switchUnit } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const schema = z.object({ unitId: z.string({ error: t.chooseUnit.required }).min(1, t.chooseUnit.required) });
  const form = useForm(schema, { unitId: session.actingUnitId ?? '' }, { idPrefix: 'unit' });
  const returnTo = params.get('returnTo');
  return (
    <Page title={t.chooseUnit.title} hasErrors={form.summary.length > 0} lead={t.chooseUnit.lead}>
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async ({ unitId }) => {
            await switchUnit(unitId);
            navigate(returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', { replace: true });
          });
        }}
      >
        <ChoiceGroup
          id={form.fieldId('unitId')}
          type="radio"
          name="unitId"
          label={t.chooseUnit.legend}
          error={form.errorFor('unitId')}
          options={session.memberships.map((m) => ({
            value: m.unitId,
            label: m.unitName,
            hint: m.roles.map((role) => app.roles[role]).join(', '),
          }))}
          value={form.values.unitId ? [form.values.unitId] : []}
          onValue={([unitId]) => form.set('unitId', unitId ?? '')}
        />
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.chooseUnit.submit}
          </Button>
        </div>
      </form>
    </Page>
  );
}

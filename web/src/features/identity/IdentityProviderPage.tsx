import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { unitList } from '#shared/contracts/administration.ts';
import {
  identityProviderRequest,
  identityProviderResponse,
  identityProviderSchema,
  MAPPABLE_ROLES,
  type IdentityProviderRequest,
  type MappingRule,
} from '#shared/contracts/identity.ts';
import { scimTokenResponse } from '#shared/contracts/scim.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { appMessages } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useResource } from '../../ui/use-resource.ts';
import { identityMessages } from './messages.ts';

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((value) => value.trim())
    .filter(Boolean);
const emptyRule = (): MappingRule => ({ claim: 'groups', value: '', unitId: '', role: 'caseworker' });

/** A system administrator connects an organisation's own identity provider (issue 19). */
export default function IdentityProviderPage() {
  const t = useMessages(identityMessages);
  const roleNames = useMessages(appMessages).roles;
  const { id = '' } = useParams();
  const url = `/api/v1/admin/organisations/${id}/identity-provider`;
  const current = useResource(() => api.get(url, identityProviderResponse), [url]);
  const units = useResource(() => api.get(`/api/v1/admin/units?organisationId=${id}`, unitList), [id]);
  const form = useForm(
    identityProviderRequest,
    {
      issuer: '',
      clientId: '',
      emailDomains: [],
      mfaAcrValues: [],
      mfaAmrValues: [],
      localPasswords: true,
      mappingRules: [],
      enabled: true,
    } as IdentityProviderRequest,
    {
      idPrefix: 'identity',
    },
  );
  const [texts, setTexts] = useState({ emailDomains: '', mfaAcrValues: '', mfaAmrValues: '' });
  const [saved, setSaved] = useState(false);
  const [scimToken, setScimToken] = useState<{ token: string; expiresAt: string; baseUrl: string } | null>(null);
  const [issuing, setIssuing] = useState(false);
  const provider = current.data?.provider;

  useEffect(() => {
    if (!provider) return;
    form.setValues({
      issuer: provider.issuer,
      clientId: provider.clientId,
      emailDomains: provider.emailDomains,
      mfaAcrValues: provider.mfaAcrValues,
      mfaAmrValues: provider.mfaAmrValues,
      localPasswords: provider.localPasswords,
      mappingRules: provider.mappingRules,
      enabled: provider.enabled,
      version: provider.version,
    });
    setTexts({
      emailDomains: provider.emailDomains.join(', '),
      mfaAcrValues: provider.mfaAcrValues.join(', '),
      mfaAmrValues: provider.mfaAmrValues.join(', '),
    });
    // The form is filled once per loaded version.
  }, [provider?.version]);

  if (current.error) return <ProblemPage error={current.error} />;
  if (!current.data || !units.data) return <Loading />;
  const rules = form.values.mappingRules ?? [];
  const setRule = (index: number, change: Partial<MappingRule>) =>
    form.set(
      'mappingRules',
      rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)),
    );
  const setList = (key: 'emailDomains' | 'mfaAcrValues' | 'mfaAmrValues', text: string) => {
    setTexts((before) => ({ ...before, [key]: text }));
    form.set(key, list(text));
  };
  const unitOptions = units.data.units.filter((unit) => unit.active).map((unit) => ({ value: unit.id, label: unit.name }));

  return (
    <Page title={t.title} lead={`${units.data.organisation.name}. ${t.lead}`} hasErrors={form.summary.length > 0}>
      {provider ? (
        <MessageBox variant="info" heading={t.registerHeading}>
          <p>
            {t.redirectUri}: <code className="long-value">{provider.redirectUri}</code>
          </p>
          <p>
            {t.backchannelLogoutUri}: <code className="long-value">{provider.backchannelLogoutUri}</code>
          </p>
        </MessageBox>
      ) : null}
      {saved ? (
        <MessageBox variant="success" live>
          {t.saved}
        </MessageBox>
      ) : null}
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void form.submit(async (data) => {
            const next = await api.put(url, data, identityProviderSchema);
            form.set('version', next.version);
            form.set('clientSecret', undefined);
            setSaved(true);
            await current.reload();
          });
        }}
      >
        <TextField
          id={form.fieldId('issuer')}
          label={t.issuer}
          hint={t.issuerHint}
          value={form.values.issuer}
          error={form.errorFor('issuer')}
          onValue={(value) => form.set('issuer', value)}
          spellCheck={false}
        />
        <TextField
          id={form.fieldId('clientId')}
          label={t.clientId}
          value={form.values.clientId}
          error={form.errorFor('clientId')}
          onValue={(value) => form.set('clientId', value)}
          spellCheck={false}
        />
        <TextField
          id={form.fieldId('clientSecret')}
          label={t.clientSecret}
          hint={provider?.clientSecretSet ? t.clientSecretKeep : t.clientSecretHint}
          type="password"
          autoComplete="new-password"
          value={form.values.clientSecret ?? ''}
          error={form.errorFor('clientSecret')}
          onValue={(value) => form.set('clientSecret', value || undefined)}
        />
        <TextArea
          id={form.fieldId('emailDomains')}
          label={t.emailDomains}
          hint={t.emailDomainsHint}
          rows={2}
          value={texts.emailDomains}
          error={form.errorFor('emailDomains') ?? form.errorFor('emailDomains.0')}
          onValue={(value) => setList('emailDomains', value)}
        />
        <TextField
          id={form.fieldId('mfaAcrValues')}
          label={t.mfaAcr}
          hint={t.mfaAcrHint}
          value={texts.mfaAcrValues}
          error={form.errorFor('mfaAcrValues')}
          onValue={(value) => setList('mfaAcrValues', value)}
          spellCheck={false}
        />
        <TextField
          id={form.fieldId('mfaAmrValues')}
          label={t.mfaAmr}
          hint={t.mfaAmrHint}
          value={texts.mfaAmrValues}
          error={form.errorFor('mfaAmrValues')}
          onValue={(value) => setList('mfaAmrValues', value)}
          spellCheck={false}
        />
        <ChoiceGroup
          id={form.fieldId('options')}
          type="checkbox"
          name="identity-options"
          label={t.options}
          options={[
            { value: 'enabled', label: t.enabled },
            { value: 'localPasswords', label: t.localPasswords },
          ]}
          value={[...(form.values.enabled ? ['enabled'] : []), ...(form.values.localPasswords ? ['localPasswords'] : [])]}
          onValue={(value) => {
            form.set('enabled', value.includes('enabled'));
            form.set('localPasswords', value.includes('localPasswords'));
          }}
        />
        <h2>{t.rulesHeading}</h2>
        <p>{t.rulesText}</p>
        {rules.map((rule, index) => (
          <fieldset key={index} className="fieldset">
            <legend className="fieldset__label label">{`${t.rule} ${index + 1}`}</legend>
            <TextField
              id={form.fieldId(`mappingRules.${index}.claim`)}
              label={t.claim}
              hint={t.claimHint}
              value={rule.claim}
              error={form.errorFor(`mappingRules.${index}.claim`)}
              onValue={(value) => setRule(index, { claim: value })}
              spellCheck={false}
            />
            <TextField
              id={form.fieldId(`mappingRules.${index}.value`)}
              label={t.value}
              value={rule.value}
              error={form.errorFor(`mappingRules.${index}.value`)}
              onValue={(value) => setRule(index, { value })}
              spellCheck={false}
            />
            <SelectField
              id={form.fieldId(`mappingRules.${index}.unitId`)}
              label={t.unit}
              placeholder={t.chooseUnit}
              options={unitOptions}
              value={rule.unitId}
              error={form.errorFor(`mappingRules.${index}.unitId`)}
              onValue={(value) => setRule(index, { unitId: value })}
            />
            <SelectField
              id={form.fieldId(`mappingRules.${index}.role`)}
              label={t.role}
              options={MAPPABLE_ROLES.map((role) => ({ value: role, label: roleNames[role] }))}
              value={rule.role}
              error={form.errorFor(`mappingRules.${index}.role`)}
              onValue={(value) => setRule(index, { role: value as MappingRule['role'] })}
            />
            <Button
              variant="tertiary"
              onClick={() =>
                form.set(
                  'mappingRules',
                  rules.filter((_, i) => i !== index),
                )
              }
            >
              {`${t.removeRule} ${index + 1}`}
            </Button>
          </fieldset>
        ))}
        <p>
          <Button variant="secondary" onClick={() => form.set('mappingRules', [...rules, emptyRule()])}>
            {t.addRule}
          </Button>
        </p>
        <div className="form-actions">
          <Button type="submit" disabled={form.submitting}>
            {t.save}
          </Button>
        </div>
      </form>
      {provider ? (
        <section aria-labelledby="scim-heading">
          <h2 id="scim-heading">{t.scim.heading}</h2>
          <p>{t.scim.text}</p>
          {scimToken ? (
            <MessageBox variant="success" heading={t.scim.issued} live>
              <p>
                {t.scim.baseUrl}: <code className="long-value">{scimToken.baseUrl}</code>
              </p>
              <p>
                {t.scim.token}: <code className="long-value">{scimToken.token}</code>
              </p>
              <p>
                {t.scim.expires}: {scimToken.expiresAt.slice(0, 10)}
              </p>
            </MessageBox>
          ) : null}
          <Button
            variant="secondary"
            disabled={issuing}
            onClick={() => {
              setIssuing(true);
              void api
                .post(`/api/v1/admin/organisations/${id}/scim-token`, { expiresInDays: 180 }, scimTokenResponse)
                .then(setScimToken)
                .finally(() => setIssuing(false));
            }}
          >
            {t.scim.issue}
          </Button>
        </section>
      ) : null}
    </Page>
  );
}

import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { organisationList, unitList } from '#shared/contracts/administration.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api, query } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { administrationMessages } from './messages.ts';
import { unitTree, type UnitNode } from './unit-tree.ts';

function Tree({ nodes, inactiveTag }: { nodes: UnitNode[]; inactiveTag: string }) {
  return (
    <ul className="unit-tree">
      {nodes.map((node) => (
        <li key={node.id}>
          <Link to={`/administration/enheter/${node.id}`}>{node.name}</Link>
          {node.active ? null : <span className="muted"> {inactiveTag}</span>}
          {node.children.length > 0 ? <Tree nodes={node.children} inactiveTag={inactiveTag} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The units of an organisation as a tree; a system administrator can show any organisation. */
export default function UnitsPage() {
  const t = useMessages(administrationMessages);
  const { session, can } = useSession();
  const [params, setParams] = useSearchParams();
  const organisationId = params.get('organisation') ?? undefined;
  const everyOrganisation = session?.permissions['units.read'] === 'all';
  const [choice, setChoice] = useState(organisationId ?? session?.organisation.id ?? '');
  const units = useResource(() => api.get(`/api/v1/admin/units${query({ organisationId })}`, unitList), [organisationId]);
  const organisations = useResource(
    () => (everyOrganisation ? api.get('/api/v1/admin/organisations', organisationList) : Promise.resolve(null)),
    [everyOrganisation],
  );
  if (units.error) return <ProblemPage error={units.error} />;
  return (
    <Page title={t.units.title} lead={t.units.lead}>
      {everyOrganisation && organisations.data ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            setParams(choice ? { organisation: choice } : {});
          }}
        >
          <SelectField
            id="units-organisation"
            label={t.common.chooseOrganisation}
            options={organisations.data.organisations.map((o) => ({ value: o.id, label: o.name }))}
            value={choice}
            onValue={setChoice}
          />
          <Button type="submit" variant="secondary">
            {t.common.show}
          </Button>
        </form>
      ) : null}
      {can('units.manage') ? (
        <p>
          <Link className="button button--primary" to={`/administration/enheter/ny${organisationId ? `?organisation=${organisationId}` : ''}`}>
            {t.units.newUnit}
          </Link>
        </p>
      ) : null}
      {units.data ? (
        <nav aria-label={interpolate(t.units.treeLabel, { organisation: units.data.organisation.name })}>
          <h2>{units.data.organisation.name}</h2>
          {units.data.units.length === 0 ? <p>{t.units.empty}</p> : <Tree nodes={unitTree(units.data.units)} inactiveTag={t.units.inactiveTag} />}
        </nav>
      ) : (
        <Loading />
      )}
    </Page>
  );
}

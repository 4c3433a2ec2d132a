import { Link } from 'react-router';
import { useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationMessages } from './messages.ts';

/** The administration start page: the sections the caller's roles reach. */
export default function AdministrationPage() {
  const t = useMessages(administrationMessages).hub;
  const { can } = useSession();
  const sections = [
    { path: '/administration/organisationer', title: t.organisations, text: t.organisationsText, shown: can('units.read') },
    { path: '/administration/enheter', title: t.units, text: t.unitsText, shown: can('units.read') },
    { path: '/administration/anvandare', title: t.users, text: t.usersText, shown: can('users.read') },
    { path: '/administration/tjanstekonton', title: t.serviceAccounts, text: t.serviceAccountsText, shown: can('service_accounts.manage') },
  ].filter((section) => section.shown);
  return (
    <Page title={t.title} lead={t.lead}>
      <ul className="capability-list">
        {sections.map((section) => (
          <li key={section.path}>
            <h2 className="capability-title">
              <Link to={section.path}>{section.title}</Link>
            </h2>
            <p>{section.text}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

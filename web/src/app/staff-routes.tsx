import { lazy, type ReactNode } from 'react';
import type { Action } from '#shared/auth/permissions.ts';
import { RequirePermission } from '../ui/RequirePermission.tsx';

const AccountPage = lazy(() => import('../features/account/AccountPage.tsx'));
const AdministrationPage = lazy(() => import('../features/administration/AdministrationPage.tsx'));
const OrganisationsPage = lazy(() => import('../features/administration/OrganisationsPage.tsx'));
const IdentityProviderPage = lazy(() => import('../features/identity/IdentityProviderPage.tsx'));
const UnitsPage = lazy(() => import('../features/administration/UnitsPage.tsx'));
const NewUnitPage = lazy(() => import('../features/administration/NewUnitPage.tsx'));
const UnitPage = lazy(() => import('../features/administration/UnitPage.tsx'));
const UsersPage = lazy(() => import('../features/administration/UsersPage.tsx'));
const NewUserPage = lazy(() => import('../features/administration/NewUserPage.tsx'));
const UserPage = lazy(() => import('../features/administration/UserPage.tsx'));
const ServiceAccountsPage = lazy(() => import('../features/administration/ServiceAccountsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));

const DirectorySearchPage = lazy(() => import('../features/directory/DirectorySearchPage.tsx'));
const EditorDashboardPage = lazy(() => import('../features/directory/EditorDashboardPage.tsx'));
const EditServicePage = lazy(() => import('../features/directory/EditServicePage.tsx'));
const DirectoryChangePage = lazy(() => import('../features/directory/ChangePage.tsx'));
const ImportPage = lazy(() => import('../features/directory/ImportPage.tsx'));
const ContentListPage = lazy(() => import('../features/directory/ContentListPage.tsx'));
const ContentEditPage = lazy(() => import('../features/directory/ContentEditPage.tsx'));

const SurveysPage = lazy(() => import('../features/surveys/SurveysPage.tsx'));
const NewRoundPage = lazy(() => import('../features/surveys/NewRoundPage.tsx'));
const RoundPage = lazy(() => import('../features/surveys/RoundPage.tsx'));
const SurveyResultsPage = lazy(() => import('../features/surveys/ResultsPage.tsx'));
const SurveyEditPage = lazy(() => import('../features/surveys/SurveyEditPage.tsx'));
const EncountersPage = lazy(() => import('../features/screening/EncountersPage.tsx'));
const WorkflowPage = lazy(() => import('../features/screening/WorkflowPage.tsx'));
const EncounterPage = lazy(() => import('../features/screening/EncounterPage.tsx'));
const RoutinesPage = lazy(() => import('../features/screening/RoutinesPage.tsx'));
const RoutinePage = lazy(() => import('../features/screening/RoutinePage.tsx'));
const QuestionSetPage = lazy(() => import('../features/screening/QuestionSetPage.tsx'));
const ScreeningSettingsPage = lazy(() => import('../features/screening/SettingsPage.tsx'));

const CompetencePage = lazy(() => import('../features/competence/CompetencePage.tsx'));
const CataloguePage = lazy(() => import('../features/competence/CataloguePage.tsx'));
const RequirementsPage = lazy(() => import('../features/competence/RequirementsPage.tsx'));
const ConfirmPage = lazy(() => import('../features/competence/ConfirmPage.tsx'));
const CompletionImportPage = lazy(() => import('../features/competence/ImportPage.tsx'));
const SharesReportPage = lazy(() => import('../features/competence/ReportPage.tsx'));
const SupervisionPage = lazy(() => import('../features/competence/SupervisionPage.tsx'));
const StaffSupportPage = lazy(() => import('../features/competence/StaffSupportPage.tsx'));
const EventsPage = lazy(() => import('../features/competence/EventsPage.tsx'));
const NewEventPage = lazy(() => import('../features/competence/NewEventPage.tsx'));
const EventPage = lazy(() => import('../features/competence/EventPage.tsx'));
const ParticipationPage = lazy(() => import('../features/competence/ParticipationPage.tsx'));
const SeriesResultsPage = lazy(() => import('../features/competence/SeriesResultsPage.tsx'));
const CompetencePlansPage = lazy(() => import('../features/competence/PlansPage.tsx').then((module) => ({ default: module.PlansPage })));
const CompetencePlanPage = lazy(() => import('../features/competence/PlansPage.tsx').then((module) => ({ default: module.PlanPage })));

/**
 * Staff pages of the features, each loaded on demand so a caseworker's first page stays small.
 * A feature adds its pages here: `{ path: 'katalog', element: <DirectoryPage /> }` with the page
 * imported through `lazy()`.
 */
const BodiesPage = lazy(() => import('../features/collaboration/BodiesPage.tsx'));
const NewBodyPage = lazy(() => import('../features/collaboration/NewBodyPage.tsx'));
const BodyPage = lazy(() => import('../features/collaboration/BodyPage.tsx'));
const NewMeetingPage = lazy(() => import('../features/collaboration/NewMeetingPage.tsx'));
const MeetingPage = lazy(() => import('../features/collaboration/MeetingPage.tsx'));
const NewWorkPlanPage = lazy(() => import('../features/collaboration/NewWorkPlanPage.tsx'));
const WorkPlanPage = lazy(() => import('../features/collaboration/WorkPlanPage.tsx'));
const ReportPage = lazy(() => import('../features/collaboration/ReportPage.tsx'));
const CollaborationOverviewPage = lazy(() => import('../features/collaboration/OverviewPage.tsx'));
const StrategyProcessesPage = lazy(() => import('../features/collaboration/StrategyProcessesPage.tsx'));
const StrategyProcessPage = lazy(() => import('../features/collaboration/StrategyProcessPage.tsx'));

const FollowUpDashboardPage = lazy(() => import('../features/follow-up/DashboardPage.tsx'));
const FollowUpReportsPage = lazy(() => import('../features/follow-up/ReportsPage.tsx'));
const FollowUpReportPage = lazy(() => import('../features/follow-up/AnnualReportPage.tsx'));
const FollowUpRegionalPage = lazy(() => import('../features/follow-up/RegionalPage.tsx'));

const ReferenceDataPage = lazy(() => import('../features/reference-data/ReferenceDataPage.tsx'));
const JobsPage = lazy(() => import('../features/jobs/JobsPage.tsx'));

export const staffRoutes: Array<{ path: string; element: ReactNode }> = [
  {
    path: 'kompetens',
    element: (
      <RequirePermission actions={['completions.record', 'staff_support.read', 'courses.read']}>
        <CompetencePage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/katalog',
    element: (
      <RequirePermission actions={['courses.read']}>
        <CataloguePage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/krav',
    element: (
      <RequirePermission actions={['training_requirements.manage']}>
        <RequirementsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/bekrafta',
    element: (
      <RequirePermission actions={['completions.confirm']}>
        <ConfirmPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/import',
    element: (
      <RequirePermission actions={['completions.import']}>
        <CompletionImportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/rapport',
    element: (
      <RequirePermission actions={['competence.reports']}>
        <SharesReportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/handledning',
    element: (
      <RequirePermission actions={['supervision.manage']}>
        <SupervisionPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/stod',
    element: (
      <RequirePermission actions={['staff_support.read']}>
        <StaffSupportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/evenemang',
    element: (
      <RequirePermission actions={['events.manage']}>
        <EventsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/evenemang/nytt',
    element: (
      <RequirePermission actions={['events.manage']}>
        <NewEventPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/evenemang/:id',
    element: (
      <RequirePermission actions={['events.manage']}>
        <EventPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/utvarderingar',
    element: (
      <RequirePermission actions={['events.manage']}>
        <SeriesResultsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/deltagande',
    element: (
      <RequirePermission actions={['events.manage']}>
        <ParticipationPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/planer',
    element: (
      <RequirePermission actions={['competence_plans.contribute']}>
        <CompetencePlansPage />
      </RequirePermission>
    ),
  },
  {
    path: 'kompetens/planer/:id',
    element: (
      <RequirePermission actions={['competence_plans.contribute']}>
        <CompetencePlanPage />
      </RequirePermission>
    ),
  },
  { path: 'katalog', element: <DirectorySearchPage /> },
  { path: 'katalog/redaktion', element: <EditorDashboardPage /> },
  { path: 'katalog/poster/:id', element: <EditServicePage /> },
  { path: 'katalog/andringar/:id', element: <DirectoryChangePage /> },
  { path: 'katalog/import', element: <ImportPage /> },
  { path: 'innehall', element: <ContentListPage /> },
  { path: 'innehall/:slug/:language', element: <ContentEditPage /> },
  { path: 'referensdata', element: <ReferenceDataPage /> },
  {
    path: 'enkater',
    element: (
      <RequirePermission actions={['surveys.manage']}>
        <SurveysPage />
      </RequirePermission>
    ),
  },
  {
    path: 'enkater/ny-omgang',
    element: (
      <RequirePermission actions={['surveys.manage']}>
        <NewRoundPage />
      </RequirePermission>
    ),
  },
  {
    path: 'enkater/enkater/:id',
    element: (
      <RequirePermission actions={['surveys.manage']}>
        <SurveyEditPage />
      </RequirePermission>
    ),
  },
  {
    path: 'enkater/omgangar/:id',
    element: (
      <RequirePermission actions={['surveys.manage']}>
        <RoundPage />
      </RequirePermission>
    ),
  },
  {
    path: 'enkater/omgangar/:id/resultat',
    element: (
      <RequirePermission actions={['surveys.results']}>
        <SurveyResultsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'uppfoljning',
    element: (
      <RequirePermission actions={['dashboards.read']}>
        <FollowUpDashboardPage />
      </RequirePermission>
    ),
  },
  {
    path: 'uppfoljning/redovisningar',
    element: (
      <RequirePermission actions={['reports.read']}>
        <FollowUpReportsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'uppfoljning/redovisningar/:id',
    element: (
      <RequirePermission actions={['reports.read']}>
        <FollowUpReportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'uppfoljning/lansjamforelse',
    element: (
      <RequirePermission actions={['regional.read']}>
        <FollowUpRegionalPage />
      </RequirePermission>
    ),
  },
  { path: 'jobb', element: <JobsPage /> },
  { path: 'konto', element: <AccountPage /> },
  {
    path: 'administration',
    element: (
      <RequirePermission actions={['units.read', 'users.read', 'service_accounts.manage']}>
        <AdministrationPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/organisationer',
    element: (
      <RequirePermission actions={['units.read']}>
        <OrganisationsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/organisationer/:id/inloggning',
    element: (
      <RequirePermission actions={['organisations.manage']}>
        <IdentityProviderPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/enheter',
    element: (
      <RequirePermission actions={['units.read']}>
        <UnitsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/enheter/ny',
    element: (
      <RequirePermission actions={['units.manage']}>
        <NewUnitPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/enheter/:id',
    element: (
      <RequirePermission actions={['units.read']}>
        <UnitPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/anvandare',
    element: (
      <RequirePermission actions={['users.read']}>
        <UsersPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/anvandare/ny',
    element: (
      <RequirePermission actions={['users.manage']}>
        <NewUserPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/anvandare/:id',
    element: (
      <RequirePermission actions={['users.read']}>
        <UserPage />
      </RequirePermission>
    ),
  },
  {
    path: 'administration/tjanstekonton',
    element: (
      <RequirePermission actions={['service_accounts.manage']}>
        <ServiceAccountsPage />
      </RequirePermission>
    ),
  },
  ...(
    [
      ['samverkan', <BodiesPage />],
      ['samverkan/grupper/ny', <NewBodyPage />, 'collaboration.manage'],
      ['samverkan/grupper/:id', <BodyPage />],
      ['samverkan/grupper/:id/moten/nytt', <NewMeetingPage />, 'collaboration.record'],
      ['samverkan/grupper/:id/arbetsplaner/ny', <NewWorkPlanPage />, 'collaboration.record'],
      ['samverkan/moten/:id', <MeetingPage />],
      ['samverkan/arbetsplaner/:id', <WorkPlanPage />],
      ['samverkan/arbetsplaner/:id/redovisningar/:reportId', <ReportPage />],
      ['samverkan/oversikt', <CollaborationOverviewPage />, 'collaboration.overview'],
      ['samverkan/strategier', <StrategyProcessesPage />],
      ['samverkan/strategier/:id', <StrategyProcessPage />],
    ] as Array<[string, ReactNode, Action?]>
  ).map(([path, page, action]) => ({
    path,
    element: <RequirePermission actions={[action ?? 'collaboration.read']}>{page}</RequirePermission>,
  })),
  {
    path: 'fraga',
    element: (
      <RequirePermission actions={['encounters.read', 'encounters.create', 'routines.read']}>
        <EncountersPage />
      </RequirePermission>
    ),
  },
  {
    // One route for the whole workflow, so the page stays mounted when the draft gets its id.
    path: 'fraga/ny/:draftId?/:step?',
    element: (
      <RequirePermission actions={['encounters.create']}>
        <WorkflowPage />
      </RequirePermission>
    ),
  },
  {
    path: 'fraga/:id',
    element: (
      <RequirePermission actions={['encounters.read']}>
        <EncounterPage />
      </RequirePermission>
    ),
  },
  {
    path: 'rutiner',
    element: (
      <RequirePermission actions={['routines.read']}>
        <RoutinesPage />
      </RequirePermission>
    ),
  },
  {
    path: 'rutiner/ny',
    element: (
      <RequirePermission actions={['routines.edit']}>
        <RoutinePage />
      </RequirePermission>
    ),
  },
  {
    path: 'rutiner/installningar',
    element: (
      <RequirePermission actions={['routines.edit']}>
        <ScreeningSettingsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'rutiner/fragebatterier/ny',
    element: (
      <RequirePermission actions={['routines.edit']}>
        <QuestionSetPage />
      </RequirePermission>
    ),
  },
  {
    path: 'rutiner/fragebatterier/:id',
    element: (
      <RequirePermission actions={['routines.read']}>
        <QuestionSetPage />
      </RequirePermission>
    ),
  },
  {
    path: 'rutiner/:id',
    element: (
      <RequirePermission actions={['routines.read']}>
        <RoutinePage />
      </RequirePermission>
    ),
  },
  {
    path: 'granskning',
    element: (
      <RequirePermission actions={['audit.read']}>
        <AuditPage />
      </RequirePermission>
    ),
  },
];

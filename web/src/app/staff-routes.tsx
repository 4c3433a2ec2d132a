import { lazy, type ReactNode } from 'react';

const DirectorySearchPage = lazy(() => import('../features/directory/DirectorySearchPage.tsx'));
const EditorDashboardPage = lazy(() => import('../features/directory/EditorDashboardPage.tsx'));
const EditServicePage = lazy(() => import('../features/directory/EditServicePage.tsx'));
const ImportPage = lazy(() => import('../features/directory/ImportPage.tsx'));
const ContentListPage = lazy(() => import('../features/directory/ContentListPage.tsx'));
const ContentEditPage = lazy(() => import('../features/directory/ContentEditPage.tsx'));

/**
 * Staff pages of the features, each loaded on demand so a caseworker's first page stays small.
 * A feature adds its pages here: `{ path: 'katalog', element: <DirectoryPage /> }` with the page
 * imported through `lazy()`.
 */
const ReferenceDataPage = lazy(() => import('../features/reference-data/ReferenceDataPage.tsx'));
const JobsPage = lazy(() => import('../features/jobs/JobsPage.tsx'));

export const staffRoutes: Array<{ path: string; element: ReactNode }> = [
  { path: 'katalog', element: <DirectorySearchPage /> },
  { path: 'katalog/redaktion', element: <EditorDashboardPage /> },
  { path: 'katalog/poster/:id', element: <EditServicePage /> },
  { path: 'katalog/import', element: <ImportPage /> },
  { path: 'innehall', element: <ContentListPage /> },
  { path: 'innehall/:slug/:language', element: <ContentEditPage /> },
  { path: 'referensdata', element: <ReferenceDataPage /> },
  { path: 'jobb', element: <JobsPage /> },
];

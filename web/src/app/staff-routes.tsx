import { lazy, type ReactNode } from 'react';

/**
 * Staff pages of the features, each loaded on demand so a caseworker's first page stays small.
 * A feature adds its pages here: `{ path: 'katalog', element: <DirectoryPage /> }` with the page
 * imported through `lazy()`.
 */
const ReferenceDataPage = lazy(() => import('../features/reference-data/ReferenceDataPage.tsx'));
const JobsPage = lazy(() => import('../features/jobs/JobsPage.tsx'));

export const staffRoutes: Array<{ path: string; element: ReactNode }> = [
  { path: 'referensdata', element: <ReferenceDataPage /> },
  { path: 'jobb', element: <JobsPage /> },
];

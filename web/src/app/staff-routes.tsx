import type { ReactNode } from 'react';

/**
 * Staff pages of the features, each loaded on demand so a caseworker's first page stays small.
 * A feature adds its pages here: `{ path: 'katalog', element: <DirectoryPage /> }` with the page
 * imported through `lazy()`.
 */
export const staffRoutes: Array<{ path: string; element: ReactNode }> = [];

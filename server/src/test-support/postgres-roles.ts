/**
 * The PostgreSQL database suite runs as production does on a managed server (ADR 0081): requests
 * and system work as `upptack_runtime`, migrations and test fixtures' scripts as `upptack_owner`.
 * DATABASE_URL names a superuser, which the harness uses only to create the roles and databases.
 */
export const OWNER_ROLE = 'upptack_owner';
export const RUNTIME_ROLE = 'upptack_runtime';

/** `url` (the superuser's) for `database`, logging in as `role` (the test cluster trusts local logins). */
export function urlFor(url: string, database: string, role?: string): string {
  const result = new URL(url);
  result.pathname = `/${database}`;
  if (role) {
    result.username = role;
    result.password = '';
  }
  return result.toString();
}

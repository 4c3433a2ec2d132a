/**
 * The PostgreSQL database suite runs as production does on a managed server (ADR 0081, 0086):
 * requests as `upptack_runtime`, system work as `upptack_system`, migrations and test fixtures' scripts as `upptack_owner`.
 * DATABASE_URL names a superuser, which the harness uses only to create the roles and databases.
 */
export const OWNER_ROLE = 'upptack_owner';
export const RUNTIME_ROLE = 'upptack_runtime';
/** System work logs in as the system role itself: the runtime role may not switch to it (ADR 0086). */
export const SYSTEM_LOGIN_ROLE = 'upptack_system';

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

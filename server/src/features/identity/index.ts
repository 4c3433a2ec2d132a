import type { Feature } from '../../platform/feature.ts';
import { identityRoutes } from './identity-routes.ts';

/** Sign-in with an organisation's own identity provider (issue 19, ADR 0099). */
export const identityFeature: Feature = {
  name: 'identity',
  routes: identityRoutes,
  // An organisation's client secret at its provider, and a sign-in's PKCE verifier.
  encryptedColumns: () => [
    { table: 'identity_providers', key: 'tenant_id', column: 'client_secret_encrypted', associatedData: (id) => `identity_providers:${id}` },
    { table: 'oidc_logins', key: 'id_hash', column: 'code_verifier_encrypted', associatedData: (idHash) => `oidc_logins:${idHash}` },
  ],
};

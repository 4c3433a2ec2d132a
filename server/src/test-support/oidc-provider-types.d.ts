/**
 * The little of `oidc-provider` (a test dependency without its own types) the identity tests use.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Claims = Record<string, unknown>;
  type Account = { accountId: string; claims(): Promise<Claims> };

  class Grant {
    constructor(options: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Array<Record<string, unknown>>;
        jwks: { keys: unknown[] };
        pkce?: { required(): boolean };
        features?: Record<string, { enabled: boolean }>;
        claims?: Record<string, string[] | null>;
        acrValues?: string[];
        conformIdTokenClaims?: boolean;
        findAccount(context: unknown, sub: string): Promise<Account | undefined>;
        interactions?: { url(context: unknown, interaction: { uid: string }): string };
        cookies?: { keys: string[] };
      },
    );
    Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>): Promise<void>;
    on(event: 'server_error', listener: (context: unknown, error: Error) => void): void;
  }
}

import type { Scope } from '#shared/auth/roles.ts';
import type { SignedInActor } from '../auth/actor.ts';
import type { Tx } from '../db/database.ts';

/** Where an individual-level record sits: enough to decide the reach of a grant. */
export type RecordLocation = {
  id: string;
  tenantId: string;
  /** The unit the record belongs to; `unit` grants reach it from that unit and its ancestors. */
  unitId: string | null;
  /** The user who created it; `own` grants reach only these. */
  createdBy: string | null;
};

/**
 * An individual-level record type a feature registers with the kernel (ADR 0010, 0014), so the
 * protection rules, break-the-glass and the audit trail work the same for every type.
 */
export type RecordTypeDefinition = {
  /** Stable name (`encounter`): the `record_type` in the audit trail and the protection tables. */
  type: string;
  /** The audit action of a read, e.g. `encounters.read`. */
  readAction: string;
  /** The actor's normal reach for reading this type, usually `scopeFor(actor, '<feature>.read')`. */
  readScope(actor: SignedInActor): Scope | undefined;
  /**
   * Finds the record in the caller's transaction. Row-level security applies, so a record of
   * another organisation, one the caller is connected to, or one designated to another unit is
   * simply `null`, exactly like a record that does not exist.
   */
  locate(tx: Tx, id: string): Promise<RecordLocation | null>;
  /** Fields that tell where the person is; withheld when the record concerns a protected identity. */
  locationFields: readonly string[];
};

export type RecordTypeRegistry = {
  get(type: string): RecordTypeDefinition | undefined;
  all(): RecordTypeDefinition[];
};

export function createRecordTypeRegistry(definitions: RecordTypeDefinition[]): RecordTypeRegistry {
  const byType = new Map<string, RecordTypeDefinition>();
  for (const definition of definitions) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(definition.type)) throw new Error(`Invalid record type name: ${definition.type}`);
    if (byType.has(definition.type)) throw new Error(`Record type registered twice: ${definition.type}`);
    byType.set(definition.type, definition);
  }
  return { get: (type) => byType.get(type), all: () => [...byType.values()] };
}

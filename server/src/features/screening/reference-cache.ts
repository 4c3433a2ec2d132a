import type { QuestionItem } from '#shared/contracts/screening.ts';
import type { Tx } from '../../platform/db/database.ts';
import { findQuestionSetVersion, loadPlaceNames, type PlaceNames } from './encounter-repository.ts';

/**
 * What an encounter write needs that never changes once it exists: municipality and county names
 * (reference data, changed only by migrations) and published question set versions (immutable by
 * trigger, ADR 0031). Kept per app, so a write looks neither up again.
 */
export type ReferenceCache = {
  places(tx: Tx): Promise<PlaceNames>;
  /** A published (or superseded) version the caller may use: its own organisation's, or shared. */
  publishedQuestionSet(tx: Tx, id: string, tenantId: string): Promise<QuestionItem[] | undefined>;
};

const MAX_CACHED_VERSIONS = 200;

export function createReferenceCache(): ReferenceCache {
  let places: Promise<PlaceNames> | undefined;
  const versions = new Map<string, { tenantId: string; shared: boolean; items: QuestionItem[] }>();
  return {
    places(tx) {
      places ??= loadPlaceNames(tx).catch((error: unknown) => {
        places = undefined;
        throw error;
      });
      return places;
    },
    async publishedQuestionSet(tx, id, tenantId) {
      let cached = versions.get(id);
      if (!cached) {
        const row = await findQuestionSetVersion(tx, id);
        if (!row || (row.status !== 'published' && row.status !== 'superseded')) return undefined;
        cached = { tenantId: row.tenantId, shared: row.shared, items: row.items };
        if (versions.size >= MAX_CACHED_VERSIONS) versions.clear();
        versions.set(id, cached);
      }
      // The cache is shared by every caller: the same rule row-level security applies to the row.
      return cached.tenantId === tenantId || cached.shared ? cached.items : undefined;
    },
  };
}

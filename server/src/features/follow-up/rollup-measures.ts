import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { Measure, MeasureDimension, MeasureQuery, MeasureRow } from '../../platform/measures/measure.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';
import { CELL_KEY_MODULUS } from '../../platform/disclosure/cell-key.ts';

/**
 * The measures follow-up reads from its own rollups of screening encounters (migration 0070,
 * ADR 0071) and from imported series. They live here because the rollups are follow-up's; other
 * features contribute theirs through `Feature.measures()` (docs/follow-up.md).
 */

type Source = 'encounter' | 'detail' | 'staff' | 'series';
const TABLE: Record<Source, SQL> = {
  encounter: sql`follow_up_encounter_rollup r`,
  detail: sql`follow_up_detail_rollup r`,
  staff: sql`follow_up_staff_rollup r`,
  series: sql`follow_up_series_values r`,
};

const COMMON: Partial<Record<MeasureDimension, SQL>> = {
  agency: sql`r.tenant_id::text`,
  unit: sql`r.unit_id::text`,
  month: sql`to_char(r.month, 'YYYY-MM')`,
  quarter: sql`to_char(r.month, 'YYYY-"Q"Q')`,
  year: sql`to_char(r.month, 'YYYY')`,
};
const CLIENT: Partial<Record<MeasureDimension, SQL>> = {
  ...COMMON,
  county: sql`r.county_code`,
  process: sql`r.process_id::text`,
  sex: sql`r.sex`,
  age_band: sql`r.age_band`,
};

/** A rollup row's identity: with the measure and its count, the record its cell key comes from (ADR 0053). */
const IDENTITY: Record<Source, SQL> = {
  encounter: sql`concat_ws('|', r.tenant_id, r.unit_id, r.process_id, r.month, r.county_code, r.municipality_code, r.sex, r.age_band)`,
  detail: sql`concat_ws('|', r.tenant_id, r.unit_id, r.process_id, r.month, r.county_code, r.sex, r.age_band, r.measure, r.code)`,
  staff: sql`r.user_id::text`,
  series: sql`''`,
};

/** 24 bits of md5(secret ‖ identity): the same formula as `recordKey` in the kernel. */
const recordKey = (identity: SQL) => sql`('x' || substr(md5(k.secret || ${identity}), 1, 6))::bit(24)::int`;

/**
 * How a rollup row's key is had: `stored` sums the key the rollup keeps beside each count
 * (migration 0130, ADR 0057); `hashed` computes it from the secret while reading, as before —
 * the same number, kept as the reference the equivalence test compares the stored keys with.
 */
export type RowKeys = 'stored' | 'hashed';

/** The key sum of the fine rows a count adds up, each keyed by its identity, measure and count (rows that add nothing are left out). */
const hashedRowKeys = (source: Source, measure: string | SQL, count: SQL) =>
  sql`coalesce(sum(${recordKey(sql`${IDENTITY[source]} || '|' || ${measure} || '|' || (${count})::text`)}) filter (where (${count}) <> 0), 0)`;

/** The same sum from the key column the rollup triggers keep (0 where the count is 0). */
const storedRowKeys = (column: SQL) => sql`coalesce(sum(${column}), 0)`;

const REASONS = ['not_alone', 'channel_unsafe', 'interpreter_unsuitable', 'client_condition', 'no_time', 'other'] as const;

type Definition = {
  key: string;
  label: { sv: string; en: string };
  source: Source;
  countsPersons: boolean;
  dimensions: Partial<Record<MeasureDimension, SQL>>;
  /** The summed value; may depend on which dimensions are grouped (e.g. forms only by form). */
  value(groupBy: readonly MeasureDimension[]): SQL;
  /** The sum of the counted records' keys (any whole number; taken modulo 2^24 here). */
  keys(groupBy: readonly MeasureDimension[]): SQL;
  where?(groupBy: readonly MeasureDimension[]): SQL;
  from?(groupBy: readonly MeasureDimension[]): SQL;
};

function rollupMeasure(definition: Definition): Measure {
  return {
    key: definition.key,
    label: definition.label,
    countsPersons: definition.countsPersons,
    overTime: 'sum',
    dimensions: Object.keys(definition.dimensions) as MeasureDimension[],
    async read(tx: Tx, query: MeasureQuery): Promise<MeasureRow[]> {
      const groups = query.groupBy.map((dimension) => {
        const expression = definition.dimensions[dimension];
        if (!expression) throw new Error(`${definition.key} cannot be grouped by ${dimension}`);
        return expression;
      });
      const conditions: SQL[] = [sql`r.month between ${`${query.from}-01`}::date and ${`${query.to}-01`}::date`];
      if (query.tenantIds) conditions.push(sql`r.tenant_id = any (${uuidArray(query.tenantIds)})`);
      if (query.unitIds) conditions.push(sql`r.unit_id = any (${uuidArray(query.unitIds)})`);
      if (definition.where) conditions.push(definition.where(query.groupBy));
      const selected = groups.map((expression, index) => sql`${expression} as ${sql.identifier(`k${index}`)}`);
      const rows = await queryRows<Record<string, string | number>>(
        tx,
        sql`select ${sql.join([...selected, sql`(${definition.value(query.groupBy)})::int as value`, sql`((${definition.keys(query.groupBy)}) % ${CELL_KEY_MODULUS})::int as cell_key`], sql`, `)}
              from ${definition.from ? definition.from(query.groupBy) : TABLE[definition.source]} cross join disclosure_cell_key_secret k
             where ${sql.join(conditions, sql` and `)}
             ${
               groups.length > 0
                 ? sql`group by ${sql.join(
                     groups.map((_, index) => sql.raw(String(index + 1))),
                     sql`, `,
                   )}`
                 : sql``
             }`,
      );
      return rows.map((row) => ({
        keys: Object.fromEntries(query.groupBy.map((dimension, index) => [dimension, String(row[`k${index}`])])),
        value: Number(row.value),
        cellKey: Number(row.cell_key),
      }));
    },
  };
}

const column = (name: string) => sql`${sql.identifier('r')}.${sql.identifier(name)}`;

const encounterSum = (mode: RowKeys, key: string, name: string, label: { sv: string; en: string }, extra: Partial<Record<MeasureDimension, SQL>> = {}) =>
  rollupMeasure({
    key,
    label,
    source: 'encounter',
    countsPersons: true,
    dimensions: { ...CLIENT, municipality: sql`r.municipality_code`, ...extra },
    value: () => sql`coalesce(sum(${column(name)}), 0)`,
    keys: () => (mode === 'stored' ? storedRowKeys(column(`key_${name}`)) : hashedRowKeys('encounter', key, column(name))),
  });

/** A detail measure: `measure` rows of the detail rollup, optionally by their code. */
const detailSum = (
  mode: RowKeys,
  key: string,
  label: { sv: string; en: string },
  measure: string,
  byCode?: { dimension: MeasureDimension; measure: string },
  code?: string,
) =>
  rollupMeasure({
    key,
    label,
    source: 'detail',
    countsPersons: true,
    dimensions: { ...CLIENT, ...(byCode ? { [byCode.dimension]: sql`r.code` } : {}) },
    value: () => sql`coalesce(sum(r.count), 0)`,
    keys: () => (mode === 'stored' ? storedRowKeys(sql`r.key`) : hashedRowKeys('detail', key, sql`r.count`)),
    where: (groupBy) => {
      const grouped = byCode && groupBy.includes(byCode.dimension);
      return sql`r.measure = ${grouped ? byCode.measure : measure}${code ? sql` and r.code = ${code}` : sql``}`;
    },
  });

/**
 * A caseworker counted once however many rows they have: the record is the person, keyed by 48
 * bits of the hash so that summing distinct keys sums distinct persons (a collision is 2^-48).
 */
const staffKeys = (column: SQL) =>
  sql`coalesce(sum(distinct ('x' || substr(md5(k.secret || 'staff|' || r.user_id::text), 1, 12))::bit(48)::bigint) filter (where ${column} > 0), 0)`;

export function rollupMeasures(mode: RowKeys = 'stored'): Measure[] {
  return [
    encounterSum(mode, 'screening.encounters', 'encounters', { sv: 'Frågetillfällen', en: 'Encounters' }),
    encounterSum(mode, 'screening.eligible', 'eligible', { sv: 'Frågetillfällen där rutinen gäller', en: 'Encounters where the routine applies' }),
    encounterSum(mode, 'screening.asked', 'asked', { sv: 'Frågetillfällen där frågan ställdes', en: 'Encounters where violence was asked about' }),
    encounterSum(mode, 'screening.disclosed', 'disclosed', { sv: 'Frågetillfällen där klienten berättade om våld', en: 'Encounters with a disclosure' }),
    rollupMeasure({
      key: 'screening.not_asked',
      label: { sv: 'Frågetillfällen där frågan inte ställdes', en: 'Encounters where violence was not asked about' },
      source: 'encounter',
      countsPersons: true,
      dimensions: { ...CLIENT, reason: sql`x.reason` },
      from: (groupBy) =>
        groupBy.includes('reason')
          ? sql`follow_up_encounter_rollup r cross join lateral (values ${sql.join(
              REASONS.map((reason) => sql`(${reason}, ${column(`reason_${reason}`)}, ${column(`key_reason_${reason}`)})`),
              sql`, `,
            )}) as x(reason, n, key)`
          : sql`follow_up_encounter_rollup r`,
      value: (groupBy) => (groupBy.includes('reason') ? sql`coalesce(sum(x.n), 0)` : sql`coalesce(sum(r.not_asked), 0)`),
      keys: (groupBy) =>
        mode === 'stored'
          ? storedRowKeys(groupBy.includes('reason') ? sql`x.key` : sql`r.key_not_asked`)
          : groupBy.includes('reason')
            ? hashedRowKeys('encounter', sql`'screening.not_asked|' || x.reason`, sql`x.n`)
            : hashedRowKeys('encounter', sql`'screening.not_asked'`, sql`r.not_asked`),
    }),
    detailSum(mode, 'screening.disclosed_exposure', { sv: 'Berättad våldsutsatthet', en: 'Disclosed exposure' }, 'disclosed_exposure', {
      dimension: 'violence_form',
      measure: 'exposure_form',
    }),
    detailSum(mode, 'screening.disclosed_perpetration', { sv: 'Berättad våldsutövning', en: 'Disclosed use of violence' }, 'disclosed_perpetration', {
      dimension: 'violence_form',
      measure: 'perpetration_form',
    }),
    detailSum(mode, 'screening.referrals', { sv: 'Hänvisningar', en: 'Referrals' }, 'referral', { dimension: 'referral_kind', measure: 'referral' }),
    detailSum(mode, 'screening.referrals_by_target', { sv: 'Hänvisningar per mottagare', en: 'Referrals by target' }, 'referral_target', {
      dimension: 'referral_target',
      measure: 'referral_target',
    }),
    detailSum(
      mode,
      'screening.perpetrator_programme_referrals',
      { sv: 'Hänvisningar till verksamhet för våldsutövare', en: 'Referrals to perpetrator programmes' },
      'perpetrator_programme_referral',
    ),
    detailSum(
      mode,
      'screening.perpetrator_wants_help',
      { sv: 'Våldsutövare som vill ha hjälp att sluta', en: 'Perpetrators who want help to stop' },
      'perpetrator_wants_help',
    ),
    detailSum(
      mode,
      'screening.eligible_by_channel',
      { sv: 'Frågetillfällen där rutinen gäller, per kontaktform', en: 'Eligible encounters by contact form' },
      'eligible_channel',
      { dimension: 'channel', measure: 'eligible_channel' },
    ),
    detailSum(
      mode,
      'screening.asked_by_channel',
      { sv: 'Frågetillfällen där frågan ställdes, per kontaktform', en: 'Encounters asked by contact form' },
      'asked_channel',
      { dimension: 'channel', measure: 'asked_channel' },
    ),
    detailSum(
      mode,
      'screening.child_concern_reports',
      { sv: 'Gjorda orosanmälningar', en: 'Child-at-risk reports made' },
      'child_concern_report',
      undefined,
      'made',
    ),
    detailSum(mode, 'screening.information', { sv: 'Given information', en: 'Information given' }, 'information', {
      dimension: 'language',
      measure: 'information',
    }),
    rollupMeasure({
      key: 'screening.staff_eligible',
      label: { sv: 'Handläggare med frågetillfällen', en: 'Caseworkers with eligible encounters' },
      source: 'staff',
      countsPersons: true,
      dimensions: COMMON,
      value: () => sql`count(distinct r.user_id) filter (where r.eligible > 0)`,
      keys: () => staffKeys(sql`r.eligible`),
    }),
    rollupMeasure({
      key: 'screening.staff_asked',
      label: { sv: 'Handläggare som frågat om våld', en: 'Caseworkers who asked about violence' },
      source: 'staff',
      countsPersons: true,
      dimensions: COMMON,
      value: () => sql`count(distinct r.user_id) filter (where r.asked > 0)`,
      keys: () => staffKeys(sql`r.asked`),
    }),
    rollupMeasure({
      key: 'screening.caseworkers_asked',
      label: { sv: 'Handläggare (yrkesroll) som frågat om våld', en: 'Caseworkers (job role) who asked about violence' },
      source: 'staff',
      countsPersons: true,
      dimensions: COMMON,
      value: () => sql`count(distinct r.user_id) filter (where r.asked > 0)`,
      keys: () => staffKeys(sql`r.asked`),
      // Whoever held the job role "caseworker" in the unit at some day of the month (ADR 0116, migration 0176).
      where: () => sql`exists (select 1 from memberships m where m.user_id = r.user_id and m.unit_id = r.unit_id and m.job_role = 'caseworker'
        and m.starts_on < (r.month + interval '1 month')::date and (m.ends_on is null or m.ends_on > r.month))`,
    }),
    rollupMeasure({
      key: 'series.meetings_held',
      label: { sv: 'Hållna möten (importerad serie)', en: 'Meetings held (imported series)' },
      source: 'series',
      countsPersons: false,
      dimensions: COMMON,
      value: () => sql`coalesce(sum(r.value), 0)`,
      // Not a count of persons: published exactly, so no key.
      keys: () => sql`0`,
      where: () => sql`r.series = 'meetings_held'`,
    }),
  ];
}

import { sql } from 'drizzle-orm';
import type { Indicator, NewVersionRequest } from '#shared/contracts/follow-up.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, pick, type Localized } from '../../platform/errors/app-error.ts';
import { PERIOD_DIMENSIONS, type MeasureDimension, type MeasureRegistry } from '../../platform/measures/measure.ts';
import { followUpMessages } from './messages.ts';
import { textArray } from '../../platform/db/array-parameter.ts';

/**
 * The indicator catalogue (migration 0070, ADR 0070): versioned definitions whose numerator and
 * denominator name measures. The measures a definition names must be registered by a feature
 * for the indicator to have figures; otherwise it has "no data source yet".
 */

type VersionRow = {
  code: string;
  version: number;
  owner_code: string;
  source: 'measures' | 'county_import';
  name_sv: string;
  name_en: string;
  definition_sv: string;
  definition_en: string;
  numerator: string;
  denominator: string | null;
  unit: Indicator['unit'];
  disaggregations: string[] | string;
  goal: Indicator['goal'];
  joint_area: Indicator['jointArea'];
  direction: 'higher' | 'lower';
  valid_from: string;
  created_at: string | Date;
};

export type IndicatorDefinition = Indicator;

const text = (localized: Localized, params: Record<string, string | number>): Localized => ({
  sv: interpolate(localized.sv, params),
  en: interpolate(localized.en, params),
});
const m = (select: (catalogue: (typeof followUpMessages)['sv']) => string): Localized => pick(followUpMessages, select);

/** PGlite returns text[] as an array, node-postgres too; a literal '{a,b}' only from casts. */
function array(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

function dateText(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** Whether every measure an indicator names is registered. County indicators read their import. */
export function hasDataSource(row: { source: string; numerator: string; denominator: string | null }, measures: MeasureRegistry): boolean {
  if (row.source === 'county_import') return true;
  return measures.get(row.numerator) !== undefined && (row.denominator === null || measures.get(row.denominator) !== undefined);
}

function toIndicator(rows: VersionRow[], locale: Locale, measures: MeasureRegistry): Indicator {
  const latest = rows[rows.length - 1]!;
  return {
    code: latest.code,
    version: latest.version,
    ownerCode: latest.owner_code,
    source: latest.source,
    name: locale === 'sv' ? latest.name_sv : latest.name_en,
    definition: locale === 'sv' ? latest.definition_sv : latest.definition_en,
    numerator: latest.numerator,
    denominator: latest.denominator,
    unit: latest.unit,
    disaggregations: array(latest.disaggregations) as Indicator['disaggregations'],
    goal: latest.goal,
    jointArea: latest.joint_area,
    direction: latest.direction,
    validFrom: String(latest.valid_from).slice(0, 10),
    hasDataSource: hasDataSource(latest, measures),
    versions: rows.map((row) => ({ version: row.version, validFrom: String(row.valid_from).slice(0, 10), createdAt: dateText(row.created_at) })),
  };
}

async function versionRows(tx: Tx, code?: string): Promise<VersionRow[]> {
  return queryRows<VersionRow>(
    tx,
    sql`select v.code, v.version, i.owner_code, i.source, v.name_sv, v.name_en, v.definition_sv, v.definition_en, v.numerator, v.denominator, v.unit,
               v.disaggregations, v.goal, v.joint_area, v.direction, to_char(v.valid_from, 'YYYY-MM-DD') as valid_from, v.created_at
          from follow_up_indicator_versions v join follow_up_indicators i on i.code = v.code
         ${code ? sql`where v.code = ${code}` : sql``}
         order by v.code, v.version`,
  );
}

export async function listIndicators(tx: Tx, locale: Locale, measures: MeasureRegistry): Promise<Indicator[]> {
  const rows = await versionRows(tx);
  const byCode = new Map<string, VersionRow[]>();
  for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
  return [...byCode.values()].map((versions) => toIndicator(versions, locale, measures));
}

/** The latest version of an indicator; 404 naming the code when there is none. */
export async function getIndicator(tx: Tx, code: string, locale: Locale, measures: MeasureRegistry): Promise<Indicator> {
  const rows = await versionRows(tx, code);
  if (rows.length === 0)
    throw new AppError('not_found', {
      detail: text(
        m((c) => c.errors.unknownIndicator),
        { code },
      ),
    });
  return toIndicator(rows, locale, measures);
}

/**
 * Checks a definition before it becomes a version: a share or rate must divide by a measure
 * (never by an unsuppressed zero: a zero denominator yields no share, and a definition without
 * one is refused), a count divides by nothing, the measures exist, and every disaggregation is
 * one the measures can answer.
 */
export function checkDefinition(definition: NewVersionRequest, measures: MeasureRegistry, source: 'measures' | 'county_import'): void {
  if (definition.unit !== 'number' && definition.denominator === null)
    throw invalidField(
      'denominator',
      'denominator_missing',
      m((c) => c.errors.denominatorMissing),
    );
  if (definition.unit === 'number' && definition.denominator !== null)
    throw invalidField(
      'denominator',
      'denominator_for_number',
      m((c) => c.errors.denominatorForNumber),
    );
  if (definition.denominator !== null && definition.denominator === definition.numerator)
    throw invalidField(
      'denominator',
      'denominator_same',
      m((c) => c.errors.denominatorSame),
    );
  if (source === 'county_import') return;
  const known = measures
    .all()
    .map((measure) => measure.key)
    .join(', ');
  for (const field of ['numerator', 'denominator'] as const) {
    const key = definition[field];
    if (key === null) continue;
    // A measure of a feature not built yet may be named; the indicator then has no data source
    // until the feature registers it. A measure of a registered feature's namespace must exist.
    const namespace = key.split('.')[0];
    const registered = measures.all().some((measure) => measure.key.split('.')[0] === namespace);
    if (registered && !measures.get(key))
      throw invalidField(
        field,
        'unknown_measure',
        text(
          m((c) => c.errors.unknownMeasure),
          { field: field === 'numerator' ? 'Täljare' : 'Nämnare', measure: key, known },
        ),
      );
    const measure = measures.get(key);
    if (!measure) continue;
    const missing = definition.disaggregations.filter(
      (dimension) =>
        !measure.dimensions.includes(dimension as MeasureDimension) &&
        !(PERIOD_DIMENSIONS.includes(dimension as MeasureDimension) && measure.dimensions.includes('month')),
    );
    if (missing.length > 0)
      throw invalidField(
        'disaggregations',
        'measure_dimensions',
        text(
          m((c) => c.errors.measureDimensions),
          { measure: key, dimensions: missing.join(', ') },
        ),
      );
  }
}

export async function addVersion(tx: Tx, code: string, definition: NewVersionRequest, measures: MeasureRegistry, userId: string | null): Promise<number> {
  const rows = await versionRows(tx, code);
  const latest = rows[rows.length - 1];
  if (!latest)
    throw new AppError('not_found', {
      detail: text(
        m((c) => c.errors.unknownIndicator),
        { code },
      ),
    });
  checkDefinition(definition, measures, latest.source);
  if (definition.validFrom < String(latest.valid_from).slice(0, 10))
    throw invalidField(
      'validFrom',
      'valid_from',
      text(
        m((c) => c.errors.validFrom),
        { date: String(latest.valid_from).slice(0, 10) },
      ),
    );
  const version = latest.version + 1;
  await tx.execute(sql`insert into follow_up_indicator_versions (code, version, name_sv, name_en, definition_sv, definition_en, numerator, denominator, unit,
      disaggregations, goal, joint_area, direction, valid_from, created_by)
    values (${code}, ${version}, ${definition.nameSv}, ${definition.nameEn}, ${definition.definitionSv}, ${definition.definitionEn}, ${definition.numerator},
      ${definition.denominator}, ${definition.unit}, ${textArray(definition.disaggregations)}, ${definition.goal}, ${definition.jointArea},
      ${definition.direction}, ${definition.validFrom}::date, ${userId})`);
  return version;
}

export { m as followUpText, text as withParams };

import { sql } from 'drizzle-orm';
import { STRATEGY_GOALS, type Comparison, type ComparisonClass, type StrategyGoal } from '#shared/contracts/follow-up.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';

/**
 * The regional comparison of the county reports (ADR 0073): each county's value of an indicator
 * is placed among the best 30 %, the middle 40 % or the worst 30 % of the counties with a value.
 *
 * - Rank: 1 = best, in the indicator's direction. Equal values share the best rank of their
 *   group (competition ranking, 1-2-2-4), so **ties take the better class**.
 * - With n counties: best = ranks 1 … round(0.3 n), worst = ranks above n − round(0.3 n), the
 *   rest middle. For all 21 counties: 1–6 best, 7–15 middle, 16–21 worst.
 * - **Missing counties** are left out: the classes are formed over the counties that have a
 *   value (e.g. 18 counties: 1–5 best, 6–13 middle, 14–18 worst) and the count is shown. With
 *   fewer than MIN_COUNTIES no county is classified.
 * - A goal's class is the median class of its indicators for the county (best = 1, middle = 2,
 *   worst = 3; with an even number, the better of the two middle classes).
 */
export const MIN_COUNTIES = 4;
const ORDER: ComparisonClass[] = ['best', 'middle', 'worst'];

export type Ranked = { county: string; value: number; rank: number; class: ComparisonClass | null };

export function classify(values: ReadonlyArray<{ county: string; value: number }>, direction: 'higher' | 'lower'): Ranked[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => (direction === 'higher' ? b.value - a.value : a.value - b.value) || a.county.localeCompare(b.county));
  const edge = Math.round(0.3 * n);
  return sorted.map((entry) => {
    const rank = sorted.findIndex((other) => other.value === entry.value) + 1;
    const cls: ComparisonClass | null = n < MIN_COUNTIES ? null : rank <= edge ? 'best' : rank > n - edge ? 'worst' : 'middle';
    return { county: entry.county, value: entry.value, rank, class: cls };
  });
}

/** The median of classes (the better one of the two middle ones when even); null when none. */
export function medianClass(classes: ReadonlyArray<ComparisonClass | null>): ComparisonClass | null {
  const known = classes
    .filter((entry): entry is ComparisonClass => entry !== null)
    .map((entry) => ORDER.indexOf(entry))
    .sort((a, b) => a - b);
  if (known.length === 0) return null;
  return ORDER[known[Math.floor((known.length - 1) / 2)]!]!;
}

type ValueRow = {
  indicator_code: string;
  county_code: string;
  year: number;
  value: string | number;
  name_sv: string;
  name_en: string;
  goal: StrategyGoal;
  direction: 'higher' | 'lower';
  unit: Comparison['indicators'][number]['unit'];
};

export async function comparison(tx: Tx, county: string, year: number | null, locale: Locale): Promise<Comparison> {
  const rows = await queryRows<ValueRow>(
    tx,
    sql`select v.indicator_code, v.county_code::text as county_code, v.year, v.value, iv.name_sv, iv.name_en, iv.goal, iv.direction, iv.unit
          from follow_up_county_values v
          join lateral (select * from follow_up_indicator_versions x where x.code = v.indicator_code order by x.version desc limit 1) iv on true
         order by v.indicator_code, v.year`,
  );
  const countyNames = new Map(
    (await queryRows<{ code: string; name: string }>(tx, sql`select code::text as code, name from counties`)).map((row) => [row.code, row.name]),
  );
  const years = [...new Set(rows.map((row) => Number(row.year)))].sort((a, b) => a - b);
  const chosen = year ?? years[years.length - 1] ?? null;
  const classesFor = (forYear: number) => {
    const codes = [...new Set(rows.filter((row) => Number(row.year) === forYear).map((row) => row.indicator_code))];
    return codes.map((code) => {
      const of = rows.filter((row) => row.indicator_code === code && Number(row.year) === forYear);
      const first = of[0]!;
      const ranked = classify(
        of.map((row) => ({ county: row.county_code, value: Number(row.value) })),
        first.direction,
      );
      const own = ranked.find((entry) => entry.county === county);
      return {
        code,
        name: locale === 'sv' ? first.name_sv : first.name_en,
        goal: first.goal,
        direction: first.direction,
        unit: first.unit,
        counties: ranked.length,
        value: own?.value ?? null,
        rank: own?.rank ?? null,
        class: own?.class ?? null,
        all: ranked.map((entry) => ({ ...entry, name: countyNames.get(entry.county) ?? entry.county })),
      };
    });
  };
  const goalsOf = (indicators: ReturnType<typeof classesFor>) =>
    STRATEGY_GOALS.map((goal) => {
      const of = indicators.filter((indicator) => indicator.goal === goal);
      return { goal, class: medianClass(of.map((indicator) => indicator.class)), indicators: of.length };
    });
  const indicators = chosen === null ? [] : classesFor(chosen);
  return {
    county: { code: county, name: countyNames.get(county) ?? county },
    year: chosen,
    years,
    indicators,
    goals: goalsOf(indicators),
    overTime: years.map((entry) => ({ year: entry, goals: goalsOf(classesFor(entry)).map(({ goal, class: cls }) => ({ goal, class: cls })) })),
  };
}

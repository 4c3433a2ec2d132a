import { sql } from 'drizzle-orm';
import type { LinkedIndicator } from '#shared/contracts/follow-up.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { DisclosureSettings } from '../../platform/disclosure/disclosure-control.ts';
import type { MeasureRegistry } from '../../platform/measures/measure.ts';
import { getIndicator } from './catalogue.ts';
import { indicatorFigures } from './figures.ts';
import { uuidArray } from '../../platform/db/array-parameter.ts';

/**
 * What a work-plan goal shows of its linked indicators (issue 9, ADR 0062): the national value of
 * the year so far — every organisation's numbers, through disclosure control — and the viewer's
 * organisation's target for the year when it has set one.
 */
export type GoalIndicatorReader = (tx: Tx, goalIds: readonly string[], year: number) => Promise<Map<string, LinkedIndicator[]>>;

export function goalIndicatorReader(deps: { measures: MeasureRegistry; settings: DisclosureSettings; locale: Locale }): GoalIndicatorReader {
  return async (tx, goalIds, year) => {
    const result = new Map<string, LinkedIndicator[]>();
    if (goalIds.length === 0) return result;
    const links = await queryRows<{ goal_id: string; indicator_code: string }>(
      tx,
      sql`select goal_id, indicator_code from collaboration_goal_indicators where goal_id = any (${uuidArray(goalIds)}) order by indicator_code`,
    );
    const values = new Map<string, LinkedIndicator>();
    for (const code of [...new Set(links.map((link) => link.indicator_code))]) {
      const indicator = await getIndicator(tx, code, deps.locale, deps.measures);
      const [target] = await queryRows<{ target: string | number }>(
        tx,
        sql`select target from follow_up_targets where indicator_code = ${code} and year = ${year} and unit_id is null and tenant_id = app_tenant()`,
      );
      let current: LinkedIndicator['current'] = null;
      if (indicator.source === 'measures' && indicator.hasDataSource) {
        const figures = await indicatorFigures(
          tx,
          deps,
          indicator,
          { from: `${year}-01`, to: `${year}-12`, by: null, period: 'year' },
          { kind: 'aggregated', tenantIds: null, unitIds: null },
        );
        current = figures.total.value;
      }
      values.set(code, {
        code,
        name: indicator.name,
        unit: indicator.unit,
        year,
        current,
        target: target ? Number(target.target) : null,
        hasDataSource: indicator.hasDataSource,
      });
    }
    for (const link of links) result.set(link.goal_id, [...(result.get(link.goal_id) ?? []), values.get(link.indicator_code)!]);
    return result;
  };
}

import { z } from 'zod';

/**
 * The follow-up API (issue 7): the indicator catalogue, targets, dashboards, the annual report
 * chain and the regional comparison. Used by the routes and by the staff pages.
 */

export const DISAGGREGATIONS = [
  'agency',
  'county',
  'municipality',
  'unit',
  'process',
  'month',
  'quarter',
  'year',
  'sex',
  'age_band',
  'violence_form',
  'reason',
  'referral_kind',
  'language',
  'channel',
  'referral_target',
] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];
export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];
export const INDICATOR_UNITS = ['number', 'share', 'rate_per_10000'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const STRATEGY_GOALS = ['prevention', 'detection_support', 'law_enforcement', 'knowledge'] as const;
export type StrategyGoal = (typeof STRATEGY_GOALS)[number];
export const JOINT_AREAS = ['routines', 'information', 'referral', 'staff_support'] as const;
export type JointArea = (typeof JOINT_AREAS)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'received', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const NARRATIVE_KEYS = ['routines', 'information', 'referral', 'staff_support', 'obstacles', 'next_steps'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export const COMPARISON_CLASSES = ['best', 'middle', 'worst'] as const;
export type ComparisonClass = (typeof COMPARISON_CLASSES)[number];

const code = z.string().regex(/^[a-z][a-z0-9_.]{1,59}$/);
const measureKey = z.string().regex(/^[a-z][a-z0-9_.]{1,79}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const year = z.coerce.number().int().min(2000).max(2100);

export const indicatorSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  ownerCode: z.string(),
  source: z.enum(['measures', 'county_import']),
  name: z.string(),
  definition: z.string(),
  numerator: z.string(),
  denominator: z.string().nullable(),
  unit: z.enum(INDICATOR_UNITS),
  disaggregations: z.array(z.enum(DISAGGREGATIONS)),
  goal: z.enum(STRATEGY_GOALS),
  jointArea: z.enum(JOINT_AREAS),
  direction: z.enum(['higher', 'lower']),
  validFrom: z.string(),
  /** False when a measure it names is not registered by any feature: "no data source yet", never zero. */
  hasDataSource: z.boolean(),
  versions: z.array(z.object({ version: z.number().int(), validFrom: z.string(), createdAt: z.string() })),
});
export type Indicator = z.infer<typeof indicatorSchema>;
export const indicatorList = z.object({ indicators: z.array(indicatorSchema) });
export const indicatorParams = z.object({ code });

export const newVersionRequest = z.object({
  nameSv: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  definitionSv: z.string().trim().min(1).max(2000),
  definitionEn: z.string().trim().min(1).max(2000),
  numerator: measureKey,
  denominator: measureKey.nullable(),
  unit: z.enum(INDICATOR_UNITS),
  disaggregations: z.array(z.enum(DISAGGREGATIONS)).max(DISAGGREGATIONS.length),
  goal: z.enum(STRATEGY_GOALS),
  jointArea: z.enum(JOINT_AREAS),
  direction: z.enum(['higher', 'lower']),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type NewVersionRequest = z.infer<typeof newVersionRequest>;

export const targetSchema = z.object({
  id: z.string(),
  indicatorCode: z.string(),
  year: z.number().int(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  target: z.number(),
  baseline: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Target = z.infer<typeof targetSchema>;
export const targetList = z.object({ targets: z.array(targetSchema) });
export const targetRequest = z.object({
  indicatorCode: code,
  year: z.number().int().min(2000).max(2100),
  unitId: z.string().uuid().nullable(),
  /** In the indicator's unit: percent for shares, per 10 000 for rates, a count for numbers. */
  target: z.number().min(0).max(1_000_000),
  baseline: z.number().min(0).max(1_000_000).nullable(),
  baselineYear: z.number().int().min(2000).max(2100).nullable(),
  note: z.string().trim().max(500).nullable(),
});

/** A published number: the value when shown, and how it reads ("<5", "–", "62 %"). */
export const publishedCell = z.object({ value: z.number().nullable(), text: z.string(), suppressed: z.enum(['primary', 'complementary', 'share']).nullable() });
export type PublishedCell = z.infer<typeof publishedCell>;
const figureCell = z.object({ numerator: publishedCell, denominator: publishedCell.nullable(), value: publishedCell });
export type FigureCell = z.infer<typeof figureCell>;

export const dashboardQuery = z.object({
  indicator: code,
  from: month.optional(),
  to: month.optional(),
  by: z.enum(DISAGGREGATIONS).optional(),
  period: z.enum(PERIODS).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const progressSchema = z.object({
  target: z.number(),
  baseline: z.number().nullable(),
  status: z.enum(['achieved', 'on_the_way', 'behind', 'unknown']),
  text: z.string(),
});

export const dashboardSchema = z.object({
  indicator: indicatorSchema,
  from: z.string(),
  to: z.string(),
  by: z.enum(DISAGGREGATIONS).nullable(),
  period: z.enum(PERIODS),
  /** What the caller's grant reads: their units, their organisation, or every organisation's numbers. */
  reach: z.enum(['unit', 'agency', 'aggregated']),
  noDataSource: z.boolean(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), target: progressSchema.nullable() })),
  /** `partial`: the period has not ended, or the range stops inside it; its figures are not complete. */
  columns: z.array(z.object({ key: z.string(), label: z.string(), partial: z.boolean() })),
  cells: z.array(z.array(figureCell)),
  rowTotals: z.array(figureCell),
  columnTotals: z.array(figureCell),
  total: figureCell,
  target: progressSchema.nullable(),
  summary: z.string(),
  suppressedCells: z.number().int(),
  disclosure: z.object({ threshold: z.number().int(), display: z.enum(['below', 'dash']) }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const completenessQuery = z.object({ year: year.optional() });
export const completenessSchema = z.object({
  year: z.number().int(),
  months: z.array(z.string()),
  /** Every unit that records or should (units of organisations that screen); `recorded` is false for one that recorded nothing in the year. */
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      agency: z.string(),
      months: z.array(z.enum(['on_time', 'late', 'missing', 'future'])),
      recorded: z.boolean(),
      rate: z.number().nullable(),
    }),
  ),
  rate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  /** The year's annual reports; an organisation that screens and has none reads `missing`. */
  reports: z.array(
    z.object({ agency: z.string(), status: z.enum([...REPORT_STATUSES, 'missing']), submittedAt: z.string().nullable(), onTime: z.boolean().nullable() }),
  ),
  deadlineDay: z.number().int(),
  reportDeadline: z.string(),
});
export type Completeness = z.infer<typeof completenessSchema>;

export const importRequestQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
export const importLineError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export const importResult = z.object({ dryRun: z.boolean(), rows: z.number().int(), errors: z.array(importLineError), preview: z.array(z.array(z.string())) });
export type ImportResult = z.infer<typeof importResult>;
export const importRequest = z.object({ csv: z.string().min(1).max(2_000_000) });

// Annual reports
export const reportFigure = z.object({
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  goal: z.enum(STRATEGY_GOALS),
  jointArea: z.enum(JOINT_AREAS),
  hasDataSource: z.boolean(),
  total: figureCell.nullable(),
  byUnit: z.array(z.object({ label: z.string(), cell: figureCell })),
  target: progressSchema.nullable(),
});
export type ReportFigure = z.infer<typeof reportFigure>;
export const reportFigures = z.object({ computedAt: z.string(), year: z.number().int(), threshold: z.number().int(), indicators: z.array(reportFigure) });
export type ReportFigures = z.infer<typeof reportFigures>;

export const reportSummary = z.object({
  id: z.string(),
  agencyId: z.string(),
  agency: z.string(),
  year: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export const reportList = z.object({ reports: z.array(reportSummary) });
export const reportEvent = z.object({ from: z.string(), to: z.string(), comment: z.string().nullable(), at: z.string(), byAgency: z.string() });
export const reportDetail = reportSummary.extend({
  narrative: z.record(z.string(), z.string()),
  figures: reportFigures,
  /** True when the figures are the snapshot taken at approval (frozen), false when live. */
  frozen: z.boolean(),
  returnComment: z.string().nullable(),
  version: z.number().int(),
  events: z.array(reportEvent),
  /** What the caller may do next. */
  actions: z.array(z.enum(['edit', 'submit', 'approve', 'receive', 'return'])),
});
export type ReportDetail = z.infer<typeof reportDetail>;
export const reportParams = z.object({ id: z.string().uuid() });
export const createReportRequest = z.object({ year: z.number().int().min(2000).max(2100) });
export const updateReportRequest = z.object({ version: z.number().int(), narrative: z.partialRecord(z.enum(NARRATIVE_KEYS), z.string().max(8000)) });
export const transitionRequest = z.object({ version: z.number().int(), comment: z.string().trim().max(4000).optional() });
export const compiledQuery = z.object({ year });

// Regional comparison
export const comparisonQuery = z.object({
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  year: year.optional(),
});
export const comparisonSchema = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int().nullable(),
  years: z.array(z.number().int()),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      goal: z.enum(STRATEGY_GOALS),
      direction: z.enum(['higher', 'lower']),
      unit: z.enum(INDICATOR_UNITS),
      counties: z.number().int(),
      value: z.number().nullable(),
      rank: z.number().int().nullable(),
      class: z.enum(COMPARISON_CLASSES).nullable(),
      all: z.array(z.object({ county: z.string(), name: z.string(), value: z.number(), rank: z.number().int(), class: z.enum(COMPARISON_CLASSES).nullable() })),
    }),
  ),
  goals: z.array(z.object({ goal: z.enum(STRATEGY_GOALS), class: z.enum(COMPARISON_CLASSES).nullable(), indicators: z.number().int() })),
  overTime: z.array(
    z.object({ year: z.number().int(), goals: z.array(z.object({ goal: z.enum(STRATEGY_GOALS), class: z.enum(COMPARISON_CLASSES).nullable() })) }),
  ),
});
export type Comparison = z.infer<typeof comparisonSchema>;

// Work-plan goals (issue 9, ADR 0062)
export const goalIndicatorRequest = z.object({ indicatorCode: code });
export const goalIndicatorParams = z.object({ id: z.string().uuid(), goalId: z.string().uuid(), code });
export const linkedIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  year: z.number().int(),
  current: publishedCell.nullable(),
  target: z.number().nullable(),
  hasDataSource: z.boolean(),
});
export type LinkedIndicator = z.infer<typeof linkedIndicator>;

import { REPORT_SECTION_KEYS, type ActivityStatus, type DecisionStatus, type ReportSection, type ReportSectionKey } from '#shared/contracts/collaboration.ts';
import { interpolate, type Locale } from '#shared/i18n/messages.ts';
import { collaborationMessages } from './messages.ts';
import { lateness } from './views.ts';

/**
 * The yearly written group report (roadmap §2.3.3: development groups report yearly in writing),
 * generated from the work plan, its activities' status and the body's decisions of the year.
 * Each section is plain text the group edits before freezing.
 *
 * Indicators linked to the goals (issue 7) are one more section, produced by a generator the
 * follow-up feature adds beside these; `ReportSources` is where their values would be passed in.
 */
export type ReportSources = {
  year: number;
  /** The Stockholm date lateness is judged on: the earlier of today and the end of the year. */
  asOf: string;
  plan: { purpose: string | null; baselineExisting: string | null; baselineMissing: string | null };
  goals: Array<{ id: string; parentId: string | null; title: string }>;
  /** The goals' linked follow-up indicators with the year's (protected) value and target (ADR 0062). */
  indicators: Array<{
    goal: string;
    name: string;
    unit: string;
    year: number;
    current: { text: string } | null;
    target: number | null;
    hasDataSource: boolean;
  }>;
  activities: Array<{ title: string; responsible: string; startsOn: string; endsOn: string; status: ActivityStatus }>;
  decisions: Array<{ year: number; number: number; decidedOn: string; text: string; responsible: string | null; status: DecisionStatus }>;
};

type Generator = (sources: ReportSources, locale: Locale) => string;

const GENERATORS: Record<ReportSectionKey, Generator> = {
  purpose: ({ plan }, locale) => plan.purpose ?? collaborationMessages[locale].report.noPurpose,
  baseline: ({ plan }, locale) => {
    const t = collaborationMessages[locale].report;
    const parts = [
      ...(plan.baselineExisting ? [interpolate(t.existing, { text: plan.baselineExisting })] : []),
      ...(plan.baselineMissing ? [interpolate(t.missing, { text: plan.baselineMissing })] : []),
    ];
    return parts.length > 0 ? parts.join('\n\n') : t.noBaseline;
  },
  goals: ({ goals }, locale) => {
    const t = collaborationMessages[locale].report;
    const top = goals.filter((goal) => goal.parentId === null);
    if (top.length === 0) return t.noGoals;
    return top
      .flatMap((goal, index) => [
        interpolate(t.goal, { number: index + 1, title: goal.title }),
        ...goals
          .filter((sub) => sub.parentId === goal.id)
          .map((sub, subIndex) => `   ${interpolate(t.subGoal, { number: `${index + 1}.${subIndex + 1}`, title: sub.title })}`),
      ])
      .join('\n');
  },
  indicators: ({ indicators }, locale) => {
    const t = collaborationMessages[locale].report;
    if (indicators.length === 0) return t.noIndicators;
    return indicators
      .map((indicator) =>
        indicator.hasDataSource
          ? interpolate(t.indicator, {
              goal: indicator.goal,
              name: indicator.name,
              value: indicator.current?.text ?? '–',
              year: indicator.year,
              target: indicator.target === null ? t.noTarget : indicator.unit === 'share' ? `${indicator.target} %` : String(indicator.target),
            })
          : interpolate(t.indicatorNoData, { goal: indicator.goal, name: indicator.name }),
      )
      .map((line) => `– ${line}`)
      .join('\n');
  },
  activities: ({ activities, year, asOf }, locale) => {
    const t = collaborationMessages[locale].report;
    if (activities.length === 0) return interpolate(t.noActivities, { year });
    const done = activities.filter((activity) => activity.status === 'done').length;
    const lines = activities.map((activity) =>
      interpolate(lateness(activity, asOf) ? t.activityLate : t.activity, {
        title: activity.title,
        responsible: activity.responsible,
        start: activity.startsOn,
        end: activity.endsOn,
        status: t.activityStatuses[activity.status],
      }),
    );
    return [interpolate(t.activitySummary, { done, total: activities.length, year }), '', ...lines.map((line) => `– ${line}`)].join('\n');
  },
  decisions: ({ decisions, year }, locale) => {
    const t = collaborationMessages[locale].report;
    if (decisions.length === 0) return interpolate(t.noDecisions, { year });
    return decisions
      .map((decision) =>
        interpolate(t.decision, {
          reference: `${decision.year}:${decision.number}`,
          date: decision.decidedOn,
          text: decision.text.replace(/\.$/, ''),
          responsible: decision.responsible ?? t.noResponsible,
          status: t.decisionStatuses[decision.status],
        }),
      )
      .join('\n');
  },
  assessment: (_sources, locale) => collaborationMessages[locale].report.assessment,
};

export function generateReport(sources: ReportSources, locale: Locale): ReportSection[] {
  return REPORT_SECTION_KEYS.map((key) => ({ key, text: GENERATORS[key](sources, locale) }));
}

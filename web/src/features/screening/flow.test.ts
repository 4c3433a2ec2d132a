import { describe, expect, it } from 'vitest';
import { createEncounterRequest, questionItems, type Process, type QuestionItemInput } from '#shared/contracts/screening.ts';
import { initialState, nextStep, sectionOf, SECTION_COUNT, segmentStep, stepSegment, stepsFor, toRequest, unanswered, type FlowState } from './flow.ts';

const guidance = { howToAsk: 'Fråga lugnt', afterYes: 'Tacka', afterNo: 'Gå vidare' };
/** A small instrument shaped like the default one: three gates, details under exposure and children. */
const ITEMS = questionItems.parse([
  { key: 'exposure', type: 'yes_no_declined', text: 'Utsatt?', gate: true, yesSignal: { disclosure: 'exposure' }, guidance },
  { key: 'perpetration', type: 'yes_no_declined', text: 'Utövat?', gate: true, yesSignal: { disclosure: 'perpetration' }, guidance },
  { key: 'children', type: 'yes_no_declined', text: 'Barn?', gate: true, yesSignal: { children: true }, guidance },
  {
    key: 'exposure_forms',
    type: 'multiple_choice',
    text: 'Vad?',
    gate: false,
    showWhen: { item: 'exposure', value: 'yes' },
    options: [
      { code: 'physical', label: 'Fysiskt', signal: { exposure: ['physical'] } },
      { code: 'threats', label: 'Hot', signal: { exposure: ['threats'] } },
    ],
    guidance,
  },
  {
    key: 'safety_now',
    type: 'yes_no_declined',
    text: 'Rädd nu?',
    gate: false,
    showWhen: { item: 'exposure', value: 'yes' },
    yesSignal: { acuteDanger: true },
    guidance,
  },
  {
    key: 'children_exposed',
    type: 'yes_no_declined',
    text: 'Barnen?',
    gate: false,
    showWhen: { item: 'children', value: 'yes' },
    yesSignal: { childAtRisk: true },
    guidance,
  },
] satisfies QuestionItemInput[]);

const PROCESS: Process = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'test',
  name: 'Test',
  description: '',
  routineVersionId: '00000000-0000-4000-8000-000000000002',
  rules: { asking: 'routinely', channels: ['in_person', 'phone'], defaultChannel: 'phone', questionSetVersionId: '00000000-0000-4000-8000-000000000003' },
};

const state = (change: Partial<FlowState> = {}): FlowState => ({
  ...initialState(PROCESS, '2026-11-23', 'key-1'),
  interpreter: 'none',
  municipalityCode: '2080',
  sex: 'female',
  ageBand: '35_44',
  path: 'ask',
  ...change,
});
const answers = (values: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Array.isArray(value) ? { values: value } : { value }]));

describe('the screening workflow as data', () => {
  it('starts from the routine (its channel and basis) and pre-selects nothing about the client: interpreter and municipality are chosen', () => {
    const start = initialState(PROCESS, '2026-11-23', 'key-1');
    expect(start).toMatchObject({ processId: PROCESS.id, channel: 'phone', basis: 'routine', interpreter: '', municipalityCode: '', path: null, at: 'start' });
    expect(start.childConcern.municipalityCode).toBe('');
    expect(initialState({ ...PROCESS, rules: { ...PROCESS.rules, asking: 'on_indication', defaultChannel: null } }, '2026-11-23', 'k').basis).toBe(
      'indication',
    );
  });

  it('counts the same three parts on every path, however many follow-up steps the answers add', () => {
    const short = state({ answers: answers({ exposure: 'no', perpetration: 'no', children: 'no' }) });
    const long = state({ answers: answers({ exposure: 'yes', perpetration: 'yes', children: 'yes', children_exposed: 'yes' }) });
    for (const flow of [short, long, state({ path: 'not_safe' }), state({ path: 'inform' })]) {
      const steps = stepsFor(flow, ITEMS);
      expect(steps.map(sectionOf)[0]).toBe(1);
      expect(steps.map(sectionOf).at(-1)).toBe(SECTION_COUNT);
      expect(new Set(steps.map(sectionOf)).size).toBe(SECTION_COUNT);
    }
    expect(stepsFor(long, ITEMS).length).toBeGreaterThan(stepsFor(short, ITEMS).length);
  });

  it('nothing disclosed: start, the gate questions, check answers — and a request the contract accepts', () => {
    const done = state({ answers: answers({ exposure: 'no', perpetration: 'no', children: 'no' }) });
    expect(stepsFor(done, ITEMS)).toEqual(['start', 'questions', 'check']);
    const request = toRequest(done, ITEMS);
    expect(createEncounterRequest.safeParse(request).success).toBe(true);
    expect(request.result).toMatchObject({ asking: 'asked', outcome: 'nothing_disclosed', childAtRisk: false, childConcern: null });
    expect(request.result?.answers).toHaveLength(3);
  });

  it('shows follow-up questions only after a yes, one step per gate, and the duty to report when a child may be at risk', () => {
    const yes = state({ answers: answers({ exposure: 'yes', perpetration: 'no', children: 'yes' }) });
    expect(stepsFor(yes, ITEMS)).toEqual(['start', 'questions', 'details:exposure', 'details:children', 'check']);
    expect(
      unanswered(
        yes,
        ITEMS.filter((item) => item.showWhen?.item === 'exposure'),
      ),
    ).toEqual(['exposure_forms', 'safety_now']);
    const atRisk = { ...yes, answers: { ...yes.answers, ...answers({ exposure_forms: ['physical'], safety_now: 'no', children_exposed: 'yes' }) } };
    expect(stepsFor(atRisk, ITEMS)).toEqual(['start', 'questions', 'details:exposure', 'details:children', 'child', 'check']);
    expect(nextStep(atRisk, ITEMS, 'details:children')).toBe('child');
    const reported = { ...atRisk, childConcern: { decision: 'reported' as const, madeOn: '2026-11-23', municipalityCode: '2080' } };
    const request = toRequest(reported, ITEMS);
    expect(createEncounterRequest.safeParse(request).success).toBe(true);
    expect(request.result).toMatchObject({
      outcome: 'disclosed',
      exposureForms: ['physical'],
      childAtRisk: true,
      childConcern: { decision: 'reported', madeOn: '2026-11-23', municipalityCode: '2080' },
    });
  });

  it('sends only the answers to questions that were shown: a changed gate answer drops its follow-ups', () => {
    const changed = state({ answers: answers({ exposure: 'no', perpetration: 'no', children: 'no', exposure_forms: ['threats'], safety_now: 'yes' }) });
    expect(toRequest(changed, ITEMS).result?.answers?.map((answer) => answer.item)).toEqual(['exposure', 'perpetration', 'children']);
    expect(toRequest(changed, ITEMS).result).toMatchObject({ acuteDanger: false, outcome: 'nothing_disclosed' });
  });

  it('cannot ask safely, or inform only: no questions, a reason or the information given', () => {
    const notSafe = state({ path: 'not_safe', notAskedReason: 'not_alone' });
    expect(stepsFor(notSafe, ITEMS)).toEqual(['start', 'not_safe', 'check']);
    expect(toRequest(notSafe, ITEMS).result).toEqual({ asking: 'not_asked', notAskedReason: 'not_alone' });
    const inform = state({ path: 'inform', information: { material: 'handout', language: 'ar', delivery: 'printed' } });
    expect(stepsFor(inform, ITEMS)).toEqual(['start', 'information', 'check']);
    expect(toRequest(inform, ITEMS)).toMatchObject({
      result: { asking: 'inform_only' },
      actions: { information: [{ material: 'handout', language: 'ar', delivery: 'printed' }] },
    });
  });

  it('names each step in the address bar and reads it back', () => {
    for (const step of ['start', 'questions', 'details:exposure', 'child', 'not_safe', 'information', 'check'] as const)
      expect(segmentStep(stepSegment(step))).toBe(step);
    expect(segmentStep('okänd')).toBe('start');
  });
});

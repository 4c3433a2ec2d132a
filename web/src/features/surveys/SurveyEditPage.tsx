import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  JOINT_AREAS,
  MATRIX_CELL_KINDS,
  QUESTION_KINDS,
  STRATEGY_GOALS,
  surveyDetail,
  type QuestionInput,
  type SurveyDefinitionInput,
} from '#shared/contracts/surveys.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import type { FieldError } from '#shared/problem.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { builderMessages } from './builder-messages.ts';
import { keyFrom, moveQuestion, newQuestion, optionsFrom, optionsText, type Kind } from './builder.ts';
import { surveyLabels } from './messages.ts';

/**
 * The survey builder: a draft's sections and questions — kinds, help, required, tags for the
 * strategy's goals and the joint areas, ranges and units, options with "other", matrices by
 * violence area, conditions. A sent (locked) survey is shown read-only with "make a new version".
 */
export default function SurveyEditPage() {
  const { id = '' } = useParams();
  const t = useMessages(builderMessages);
  const labels = useMessages(surveyLabels);
  const navigate = useNavigate();
  const survey = useResource(() => api.get(`/api/v1/surveys/${id}`, surveyDetail), [id]);
  const [definition, setDefinition] = useState<SurveyDefinitionInput | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<{ variant: 'success' | 'error'; text: string } | null>(null);
  const [newKind, setNewKind] = useState<Record<number, string>>({});

  useEffect(() => {
    if (survey.data) setDefinition(survey.data.definition);
  }, [survey.data]);

  if (survey.loading && !survey.data) return <Loading />;
  if (!survey.data || !definition) {
    return (
      <MessageBox variant="error">
        <p>{t.loadFailed}</p>
      </MessageBox>
    );
  }
  const locked = survey.data.locked;
  const fieldId = (path: string) => `f-${path.replaceAll('.', '-')}`;
  const errorFor = (path: string) => errors.find((error) => error.field === `definition.${path}`)?.message;
  const summary = errors.map((error) => ({ fieldId: fieldId(error.field.replace(/^definition\./, '')), message: error.message }));
  const allIds = definition.sections.flatMap((section) => section.questions.map((question) => question.id));

  const update = (change: (draft: SurveyDefinitionInput) => void) => {
    const next = structuredClone(definition);
    change(next);
    setDefinition(next);
  };
  const updateQuestion = (s: number, q: number, change: (question: QuestionInput) => QuestionInput) =>
    update((draft) => void (draft.sections[s]!.questions[q] = change(draft.sections[s]!.questions[q]!)));
  /** Moves a question within its part; focus stays on a move button of the same question, and the new place is announced. */
  const move = (s: number, q: number, direction: -1 | 1) => {
    const questions = definition.sections[s]!.questions;
    const id = questions[q]!.id;
    let position = q;
    update((draft) => void (position = moveQuestion(draft.sections[s]!.questions, q, direction)));
    setNotice({ variant: 'success', text: interpolate(t.moved, { id, position: position + 1, section: s + 1 }) });
    // The button pressed stays, unless the question reached an end, where only the other one is left.
    const kept = position === 0 ? 'down' : position === questions.length - 1 ? 'up' : direction === -1 ? 'up' : 'down';
    requestAnimationFrame(() => document.getElementById(`move-${kept}-${id}`)?.focus());
  };

  const save = async () => {
    setNotice(null);
    try {
      await api.put(`/api/v1/surveys/${id}`, { version: survey.data!.version, definition }, surveyDetail);
      setErrors([]);
      setNotice({ variant: 'success', text: t.saved });
      await survey.reload();
    } catch (error) {
      if (error instanceof ApiProblem && error.fieldErrors.length > 0) setErrors(error.fieldErrors);
      else if (error instanceof ApiProblem) setNotice({ variant: 'error', text: error.problem.detail ?? error.problem.title });
      else throw error;
    }
  };
  const newVersion = async () => {
    const created = await api.post(`/api/v1/surveys/${id}/versions`, {}, surveyDetail);
    await navigate(`/enkater/enkater/${created.id}`);
  };

  return (
    <Page
      title={interpolate(t.title, { title: survey.data.title, version: survey.data.versionNumber })}
      lead={locked ? t.lockedLead : t.draftLead}
      hasErrors={summary.length > 0}
    >
      <ErrorSummary errors={summary} />
      {notice ? (
        <MessageBox variant={notice.variant} live>
          <p>{notice.text}</p>
        </MessageBox>
      ) : null}
      {locked ? (
        <p>
          <Button onClick={() => void newVersion()}>{t.newVersion}</Button>
        </p>
      ) : null}
      <fieldset className="survey-builder" disabled={locked}>
        <legend className="visually-hidden">{t.title}</legend>
        <TextField
          id={fieldId('title')}
          label={t.surveyTitle}
          value={definition.title}
          error={errorFor('title')}
          onValue={(value) => update((draft) => void (draft.title = value))}
        />
        <TextArea
          id={fieldId('intro')}
          label={t.intro}
          rows={3}
          value={definition.intro ?? ''}
          error={errorFor('intro')}
          onValue={(value) => update((draft) => void (draft.intro = value || undefined))}
        />
        {definition.sections.map((section, s) => (
          <section key={section.id} className="survey-builder__section" aria-labelledby={fieldId(`sections.${s}.heading`)}>
            <h2 id={fieldId(`sections.${s}.heading`)}>{interpolate(t.section, { number: s + 1, title: section.title })}</h2>
            <TextField
              id={fieldId(`sections.${s}.title`)}
              label={t.sectionTitle}
              value={section.title}
              error={errorFor(`sections.${s}.title`)}
              onValue={(value) => update((draft) => void (draft.sections[s]!.title = value))}
            />
            {section.questions.map((question, q) => {
              const path = `sections.${s}.questions.${q}`;
              const earlier = definition.sections.flatMap((other, os) => other.questions.filter((_, oq) => os < s || (os === s && oq < q)));
              return (
                <div key={question.id} className="survey-builder__question">
                  <h3>{interpolate(t.question, { id: question.id, kind: t.kinds[question.kind] })}</h3>
                  <TextArea
                    id={fieldId(`${path}.text`)}
                    label={t.text}
                    rows={2}
                    value={question.text}
                    error={errorFor(`${path}.text`)}
                    onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, text: value }))}
                  />
                  <TextField
                    id={fieldId(`${path}.help`)}
                    label={t.help}
                    value={question.help ?? ''}
                    error={errorFor(`${path}.help`)}
                    onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, help: value || undefined }))}
                  />
                  <ChoiceGroup
                    id={fieldId(`${path}.required`)}
                    type="checkbox"
                    name={`${path}.required`}
                    label={t.answering}
                    options={[{ value: 'required', label: t.required }]}
                    value={question.required ? ['required'] : []}
                    onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, required: value.includes('required') }))}
                  />
                  {'options' in question && (question.kind !== 'matrix' || question.cell === 'single_choice') ? (
                    <TextArea
                      id={fieldId(`${path}.options`)}
                      label={t.options}
                      hint={t.optionsHint}
                      rows={4}
                      value={optionsText(question)}
                      error={errorFor(`${path}.options`)}
                      onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, options: optionsFrom(value) }) as QuestionInput)}
                    />
                  ) : null}
                  {question.kind === 'single_choice' || question.kind === 'multiple_choice' ? (
                    <ChoiceGroup
                      id={fieldId(`${path}.other`)}
                      type="checkbox"
                      name={`${path}.other`}
                      label={t.other}
                      options={[{ value: 'other', label: t.otherOption }]}
                      value={question.other ? ['other'] : []}
                      onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, other: value.includes('other') }) as QuestionInput)}
                    />
                  ) : null}
                  {question.kind === 'matrix' ? (
                    <SelectField
                      id={fieldId(`${path}.cell`)}
                      label={t.cell}
                      options={MATRIX_CELL_KINDS.map((cell) => ({ value: cell, label: t.cells[cell] }))}
                      value={question.cell}
                      onValue={(value) =>
                        updateQuestion(
                          s,
                          q,
                          (current) =>
                            ({
                              ...current,
                              cell: value as (typeof MATRIX_CELL_KINDS)[number],
                              ...(value === 'single_choice'
                                ? {
                                    options: [
                                      { value: 'a', label: 'A' },
                                      { value: 'b', label: 'B' },
                                    ],
                                  }
                                : {}),
                            }) as QuestionInput,
                        )
                      }
                    />
                  ) : null}
                  {question.kind === 'number' || (question.kind === 'matrix' && question.cell === 'number') ? (
                    <div className="survey-builder__range">
                      <TextField
                        id={fieldId(`${path}.unit`)}
                        label={t.unit}
                        value={'unit' in question ? (question.unit ?? '') : ''}
                        onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, unit: value || undefined }) as QuestionInput)}
                      />
                      <TextField
                        id={fieldId(`${path}.min`)}
                        label={t.min}
                        inputMode="numeric"
                        value={'min' in question && question.min !== undefined ? String(question.min) : ''}
                        onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, min: value === '' ? undefined : Number(value) }) as QuestionInput)}
                      />
                      <TextField
                        id={fieldId(`${path}.max`)}
                        label={t.max}
                        inputMode="numeric"
                        value={'max' in question && question.max !== undefined ? String(question.max) : ''}
                        error={errorFor(`${path}.max`)}
                        onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, max: value === '' ? undefined : Number(value) }) as QuestionInput)}
                      />
                      <ChoiceGroup
                        id={fieldId(`${path}.countsPersons`)}
                        type="checkbox"
                        name={`${path}.countsPersons`}
                        label={t.countsPersons}
                        options={[{ value: 'yes', label: t.countsPersonsOption }]}
                        value={'countsPersons' in question && question.countsPersons ? ['yes'] : []}
                        onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, countsPersons: value.includes('yes') }) as QuestionInput)}
                      />
                    </div>
                  ) : null}
                  <SelectField
                    id={fieldId(`${path}.condition.question`)}
                    label={t.condition}
                    hint={t.conditionHint}
                    placeholder={t.always}
                    options={earlier
                      .filter((other) => ['yes_no_partly', 'single_choice', 'multiple_choice', 'matrix'].includes(other.kind))
                      .map((other) => ({ value: other.id, label: other.text }))}
                    value={question.condition?.question ?? ''}
                    error={errorFor(`${path}.condition.question`)}
                    onValue={(value) =>
                      updateQuestion(s, q, (current) => ({
                        ...current,
                        condition: value ? { question: value, values: current.condition?.values ?? ['yes'] } : undefined,
                      }))
                    }
                  />
                  {question.condition ? (
                    <TextField
                      id={fieldId(`${path}.condition.values`)}
                      label={t.conditionValues}
                      hint={t.conditionValuesHint}
                      value={question.condition.values.join(', ')}
                      error={errorFor(`${path}.condition.values`)}
                      onValue={(value) =>
                        updateQuestion(s, q, (current) => ({
                          ...current,
                          condition: {
                            question: current.condition!.question,
                            values: value
                              .split(',')
                              .map((v) => v.trim())
                              .filter(Boolean),
                          },
                        }))
                      }
                    />
                  ) : null}
                  <ChoiceGroup
                    id={fieldId(`${path}.goals`)}
                    type="checkbox"
                    name={`${path}.goals`}
                    label={t.goals}
                    options={STRATEGY_GOALS.map((goal) => ({ value: goal, label: labels.goals[goal] }))}
                    value={[...(question.goals ?? [])]}
                    onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, goals: value as Array<(typeof STRATEGY_GOALS)[number]> }))}
                  />
                  <ChoiceGroup
                    id={fieldId(`${path}.jointAreas`)}
                    type="checkbox"
                    name={`${path}.jointAreas`}
                    label={t.jointAreas}
                    options={JOINT_AREAS.map((area) => ({ value: area, label: t.joint[area] }))}
                    value={[...(question.jointAreas ?? [])]}
                    onValue={(value) => updateQuestion(s, q, (current) => ({ ...current, jointAreas: value as Array<(typeof JOINT_AREAS)[number]> }))}
                  />
                  <div className="form-actions">
                    {q > 0 ? (
                      <Button id={`move-up-${question.id}`} variant="tertiary" onClick={() => move(s, q, -1)}>
                        {t.moveUp}
                        <span className="visually-hidden"> {question.id}</span>
                      </Button>
                    ) : null}
                    {q < section.questions.length - 1 ? (
                      <Button id={`move-down-${question.id}`} variant="tertiary" onClick={() => move(s, q, 1)}>
                        {t.moveDown}
                        <span className="visually-hidden"> {question.id}</span>
                      </Button>
                    ) : null}
                    <Button variant="tertiary" onClick={() => update((draft) => void draft.sections[s]!.questions.splice(q, 1))}>
                      {t.remove}
                      <span className="visually-hidden"> {question.id}</span>
                    </Button>
                  </div>
                </div>
              );
            })}
            <div className="survey-builder__add">
              <SelectField
                id={fieldId(`sections.${s}.newKind`)}
                label={interpolate(t.addKind, { number: s + 1 })}
                options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t.kinds[kind] }))}
                value={newKind[s] ?? 'yes_no_partly'}
                onValue={(value) => setNewKind((current) => ({ ...current, [s]: value }))}
              />
              <Button
                variant="secondary"
                onClick={() =>
                  update(
                    (draft) =>
                      void draft.sections[s]!.questions.push(
                        newQuestion((newKind[s] ?? 'yes_no_partly') as Kind, t.newQuestionText, keyFrom(`q_${allIds.length + 1}`, allIds)),
                      ),
                  )
                }
              >
                {interpolate(t.addQuestion, { number: s + 1 })}
              </Button>
            </div>
          </section>
        ))}
        <p>
          <Button
            variant="secondary"
            onClick={() =>
              update(
                (draft) =>
                  void draft.sections.push({
                    id: keyFrom(
                      `del_${draft.sections.length + 1}`,
                      draft.sections.map((x) => x.id),
                    ),
                    title: t.newSectionTitle,
                    questions: [newQuestion('yes_no_partly', t.newQuestionText, keyFrom(`q_${allIds.length + 1}`, allIds))],
                  }),
              )
            }
          >
            {t.addSection}
          </Button>
        </p>
      </fieldset>
      {locked ? null : <Button onClick={() => void save()}>{t.save}</Button>}
    </Page>
  );
}

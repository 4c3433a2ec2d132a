import { YES_NO_DECLINED } from '#shared/contracts/screening-codes.ts';
import type { AnswerValue, QuestionItem } from '#shared/contracts/screening.ts';
import { useMessages } from '../../app/locale.tsx';
import { ChoiceGroup, TextField } from '../../ui/fields.tsx';
import { screeningMessages } from './messages.ts';

/**
 * One question of the instrument: the question as the legend, how to ask as its hint, and once
 * answered, what to say after a yes or a no (announced politely, so a screen reader hears it).
 */
export function AnswerField({
  item,
  answer,
  error,
  onAnswer,
}: {
  item: QuestionItem;
  answer: AnswerValue | undefined;
  error?: string | undefined;
  onAnswer(answer: AnswerValue): void;
}) {
  const t = useMessages(screeningMessages);
  const id = `item-${item.key}`;
  const after =
    item.type === 'multiple_choice'
      ? answer?.values?.length
        ? item.guidance.afterYes
        : undefined
      : answer?.value === 'yes'
        ? item.guidance.afterYes
        : answer?.value === 'no' || answer?.value === 'declined'
          ? item.guidance.afterNo
          : undefined;
  const hint = (
    <>
      <strong>{t.flow.questions.howToAsk}:</strong> {item.guidance.howToAsk}
    </>
  );
  return (
    <div className="screening-item">
      {item.type === 'short_text' ? (
        <TextField id={id} label={item.text} hint={hint} error={error} value={answer?.text ?? ''} onValue={(text) => onAnswer({ text })} />
      ) : (
        <ChoiceGroup
          id={id}
          type={item.type === 'multiple_choice' ? 'checkbox' : 'radio'}
          name={item.key}
          label={item.text}
          hint={hint}
          error={error}
          options={
            item.type === 'yes_no_declined'
              ? YES_NO_DECLINED.map((value) => ({ value, label: t.answers[value] }))
              : item.options.map((option) => ({ value: option.code, label: option.label }))
          }
          value={item.type === 'multiple_choice' ? (answer?.values ?? []) : answer?.value ? [answer.value] : []}
          onValue={(values) => onAnswer(item.type === 'multiple_choice' ? { values } : { value: values[0] ?? null })}
        />
      )}
      <div aria-live="polite">
        {after ? (
          <p className="screening-guidance">
            <strong>{t.flow.details.whatToSay}:</strong> {after}
          </p>
        ) : null}
      </div>
    </div>
  );
}

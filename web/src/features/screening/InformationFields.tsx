import { INFORMATION_DELIVERIES, INFORMATION_MATERIALS } from '#shared/contracts/screening-codes.ts';
import type { Language } from '#shared/contracts/directory.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { ChoiceGroup, SelectField } from '../../ui/fields.tsx';
import type { FlowState } from './flow.ts';
import { screeningMessages } from './messages.ts';

/** Which material, in which language, printed, shown or told: the workflow's step and the outcome page's form. */
export function InformationFields({
  value,
  onValue,
  idPrefix,
}: {
  value: FlowState['information'];
  onValue(value: FlowState['information']): void;
  idPrefix: string;
}) {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const labels = directoryLabels[locale];
  return (
    <>
      <ChoiceGroup
        id={`${idPrefix}-material`}
        type="radio"
        name={`${idPrefix}-material`}
        label={t.flow.information.material}
        options={INFORMATION_MATERIALS.map((material) => ({ value: material, label: t.codes.material[material] }))}
        value={value.material ? [value.material] : []}
        onValue={([material]) => onValue({ ...value, material: (material ?? '') as FlowState['information']['material'] })}
      />
      <SelectField
        id={`${idPrefix}-language`}
        label={t.flow.information.language}
        placeholder={t.flow.start.choose}
        value={value.language}
        options={(Object.keys(labels.languages) as Language[]).map((language) => ({ value: language, label: labels.languages[language] }))}
        onValue={(language) => onValue({ ...value, language: language as FlowState['information']['language'] })}
      />
      <ChoiceGroup
        id={`${idPrefix}-delivery`}
        type="radio"
        name={`${idPrefix}-delivery`}
        label={t.flow.information.delivery}
        options={INFORMATION_DELIVERIES.map((delivery) => ({ value: delivery, label: t.codes.delivery[delivery] }))}
        value={value.delivery ? [value.delivery] : []}
        onValue={([delivery]) => onValue({ ...value, delivery: (delivery ?? '') as FlowState['information']['delivery'] })}
      />
    </>
  );
}

import { defineMessages } from '#shared/i18n/messages.ts';

export const recordsMessages = defineMessages(
  {
    withinScope: 'Du har redan behörighet till uppgiften och behöver ingen nödåtkomst.',
    liftNeedsSecondPerson: 'Du har redan begärt att skyddet ska tas bort. En annan person med behörighet måste godkänna.',
  },
  {
    withinScope: 'You already have permission to the record and need no break-the-glass access.',
    liftNeedsSecondPerson: 'You have already asked to lift the protection. Another person with the right must approve.',
  },
);

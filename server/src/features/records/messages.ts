import { defineMessages } from '#shared/i18n/messages.ts';

export const recordsMessages = defineMessages(
  {
    withinScope: 'Du har redan behörighet till uppgiften och behöver ingen nödåtkomst.',
    liftNeedsSecondPerson: 'Du har redan begärt att skyddet ska tas bort. En annan person med behörighet måste godkänna.',
    unitChangeNeedsSecondPerson: 'Du har redan begärt att ärendet ska flyttas till den enheten. En annan person med behörighet måste godkänna.',
    disconnectNeedsSecondPerson: 'Du har redan begärt att kopplingen ska tas bort. En annan person med behörighet måste godkänna.',
  },
  {
    withinScope: 'You already have permission to the record and need no break-the-glass access.',
    liftNeedsSecondPerson: 'You have already asked to lift the protection. Another person with the right must approve.',
    unitChangeNeedsSecondPerson: 'You have already asked to move the record to that unit. Another person with the right must approve.',
    disconnectNeedsSecondPerson: 'You have already asked to remove the connection. Another person with the right must approve.',
  },
);

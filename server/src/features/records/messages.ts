import { defineMessages } from '#shared/i18n/messages.ts';

export const recordsMessages = defineMessages(
  {
    withinScope: 'Du har redan behörighet till uppgiften och behöver ingen nödåtkomst.',
  },
  {
    withinScope: 'You already have permission to the record and need no break-the-glass access.',
  },
);

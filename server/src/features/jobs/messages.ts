import { defineMessages } from '#shared/i18n/messages.ts';

/** Server-side texts of the jobs feature. */
export const jobMessages = defineMessages(
  {
    notFailed: 'Bara ett jobb som har misslyckats kan startas om. Det här jobbet är köat, pågår eller klart.',
  },
  {
    notFailed: 'Only a job that failed can be started again. This job is queued, running or finished.',
  },
);

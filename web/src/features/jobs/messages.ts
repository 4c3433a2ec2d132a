import { defineMessages } from '#shared/i18n/messages.ts';

/** Job kinds a user can start, by their code; a kind not listed is shown by its code. */
export const jobsMessages = defineMessages(
  {
    title: 'Mina bakgrundsjobb',
    lead: 'Exporter och annat som tar tid körs i bakgrunden. Här ser du dem du har startat och kan hämta resultatet.',
    caption: 'Bakgrundsjobb som du har startat, det senaste först',
    what: 'Jobb',
    started: 'Startat',
    status: 'Status',
    result: 'Resultat',
    none: 'Du har inte startat några bakgrundsjobb.',
    noFile: '–',
    loadFailed: 'Jobben kunde inte hämtas. Ladda om sidan för att försöka igen.',
    retry: 'Starta om',
    retryNamed: 'Starta om {what}',
    retried: '{what} har startats om och väntar på sin tur.',
    retryFailed: 'Jobbet kunde inte startas om. Försök igen om en stund.',
    kinds: {
      'reference-data.municipality-csv': 'Kommunlista (CSV)',
    },
  },
  {
    title: 'My background jobs',
    lead: 'Exports and other work that takes time run in the background. Here are the ones you started, and their results.',
    caption: 'Background jobs you started, newest first',
    what: 'Job',
    started: 'Started',
    status: 'Status',
    result: 'Result',
    none: 'You have not started any background jobs.',
    noFile: '–',
    loadFailed: 'The jobs could not be loaded. Reload the page to try again.',
    retry: 'Start again',
    retryNamed: 'Start {what} again',
    retried: '{what} has been started again and is waiting its turn.',
    retryFailed: 'The job could not be started again. Try again in a while.',
    kinds: {
      'reference-data.municipality-csv': 'Municipality list (CSV)',
    },
  },
);

import { defineMessages } from '#shared/i18n/messages.ts';

/** Texts of the page kit's frame (page-kit.tsx). */
export const pageKitMessages = defineMessages(
  {
    skipToContent: 'Till innehållet',
    otherLanguage: 'In English',
    languageNav: 'Språk / Language',
  },
  {
    skipToContent: 'Skip to content',
    otherLanguage: 'På svenska',
    languageNav: 'Språk / Language',
  },
);

import type { PublicLanguage } from '#shared/contracts/directory.ts';
import type { Translation } from '#shared/i18n/messages.ts';

/**
 * The public pages' chrome in every public language. Page titles are neutral on purpose: a title
 * in a tab or in the history must not reveal that someone looked for help (issue 4); the h1 says
 * what the page is about. Swedish is the source; the type makes every language complete.
 */
const sv = {
  siteName: 'Information',
  quickExit: 'Lämna sidan snabbt',
  quickExitHint: 'Tryck på Skift tre gånger för att lämna sidan',
  skipToContent: 'Hoppa till innehållet',
  demoBanner: 'DEMO – den här installationen innehåller påhittade uppgifter.',
  languages: 'Språk',
  moreLanguages: 'Fler språk',
  unreviewed: 'Den här texten är översatt men har ännu inte granskats av en person. Kontakta en stödlinje om något är oklart.',
  nav: {
    label: 'Sidor',
    start: 'Start',
    search: 'Stöd nära dig',
    hide: 'Dölj ditt besök',
  },
  titles: {
    start: 'Information',
    page: 'Information – del {number}',
    search: 'Information – kontakter',
    accessibility: 'Tillgänglighet',
    notFound: 'Sidan finns inte',
    tooManyWrites: 'Vänta en stund',
  },
  footer: {
    accessibility: 'Tillgänglighetsredogörelse',
    staff: 'För personal',
    privacy: 'Den här webbplatsen sparar inga kakor och gör inga anrop till andra webbplatser.',
  },
  start: {
    heading: 'Information och stöd',
    lead: 'Här finns information om våld, om vad lagen säger och om var du kan få stöd – för dig som är utsatt, för dig som vill sluta använda våld och för dig som är orolig för någon.',
    emergency: 'Är det akut? Ring 112.',
    kvinnofridslinjen: 'Du kan alltid ringa Kvinnofridslinjen, 020-50 50 50. Samtalet är gratis, syns inte på telefonräkningen och du kan vara anonym.',
    readMore: 'Läs mer',
    findTitle: 'Hitta stöd där du bor',
    staffTitle: 'För personal',
    staffText: 'Personal på de samverkande myndigheterna loggar in här.',
    staffLink: 'Logga in som personal',
  },
  search: {
    heading: 'Stöd nära dig',
    lead: 'Välj din kommun. Du får se stöd i kommunen först, sedan i länet och sist stödlinjer för hela landet.',
    municipality: 'Kommun',
    chooseMunicipality: 'Välj kommun',
    audience: 'Vem behöver stöd?',
    anyAudience: 'Alla',
    language: 'Språk som talas',
    anyLanguage: 'Alla språk',
    submit: 'Visa stöd',
    results: '{count} träffar för {place}',
    noResults: 'Inga träffar. Ring Kvinnofridslinjen, 020-50 50 50, så hjälper de dig vidare.',
    phone: 'Telefon',
    web: 'Webb',
    why: 'Därför visas den',
    missingMunicipality: 'Välj en kommun för att se stöd.',
    handout: 'Skriv ut en lista med stödet ({language}, PDF)',
  },
  accessibility: {
    heading: 'Tillgänglighetsredogörelse för Upptäck',
    intro:
      'Upptäck ska kunna användas av så många som möjligt. Den här redogörelsen beskriver hur Upptäck uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem.',
    statusHeading: 'Hur tillgänglig är webbplatsen?',
    status:
      'Vi bedömer att Upptäck delvis är förenlig med lagen om tillgänglighet till digital offentlig service. Målet är full förenlighet med WCAG 2.1 nivå AA (EN 301 549).',
    testingHeading: 'Hur vi testar',
    testing:
      'Varje sida som våra automatiska webbläsartester besöker kontrolleras med axe-core mot WCAG 2.1 A och AA, och testet fallerar vid minsta avvikelse. Flödena testas också med enbart tangentbord och i 320 pixlars bredd. Automatiska tester hittar inte alla brister; en manuell granskning med skärmläsare är ännu inte gjord.',
    knownHeading: 'Kända brister',
    known:
      'De sidor som finns har inte granskats manuellt med skärmläsare, och vi har inte testat läget för hög kontrast i Windows, ändrat textavstånd eller förstorad text separat. Typsnittet i designsystemet ersätts av systemets typsnitt. Funktioner som ännu inte är byggda saknas; personalens startsida visar vilka. Sidornas titlar är med avsikt neutrala (till exempel ”Information – del 2”) för att ett besök inte ska synas i webbläsarens flikar och historik; rubriken på sidan säger vad den handlar om. Översättningarna till engelska, arabiska och lättläst svenska är inte granskade av en person och är märkta så.',
    reportHeading: 'Rapportera brister',
    report:
      'Om du upptäcker problem som inte beskrivs här, kontakta den organisation som driver denna installation av Upptäck. Du kan också anmäla till Myndigheten för digital förvaltning (Digg), som är tillsynsmyndighet.',
    updated: 'Redogörelsen uppdaterades {date}.',
  },
  notFound: {
    heading: 'Sidan finns inte',
    text: 'Kontrollera adressen, eller gå till startsidan.',
    home: 'Till startsidan',
  },
  tooManyWrites: {
    heading: 'Vänta en stund',
    text: 'Det har kommit många svar från din uppkoppling på kort tid. Vänta {minutes} minuter och skicka igen. Det du har sparat tidigare finns kvar.',
  },
} as const;

export type PublicMessages = Translation<typeof sv>;

const en: PublicMessages = {
  siteName: 'Information',
  quickExit: 'Leave this page quickly',
  quickExitHint: 'Press Shift three times to leave the page',
  skipToContent: 'Skip to content',
  demoBanner: 'DEMO – this installation contains made-up information.',
  languages: 'Language',
  moreLanguages: 'More languages',
  unreviewed: 'This text is translated but has not yet been reviewed by a person. Contact a support line if anything is unclear.',
  nav: { label: 'Pages', start: 'Start', search: 'Support near you', hide: 'Hide your visit' },
  titles: {
    start: 'Information',
    page: 'Information – part {number}',
    search: 'Information – contacts',
    accessibility: 'Accessibility',
    notFound: 'Page not found',
    tooManyWrites: 'Wait a while',
  },
  footer: {
    accessibility: 'Accessibility statement',
    staff: 'For staff',
    privacy: 'This website stores no cookies and makes no requests to other websites.',
  },
  start: {
    heading: 'Information and support',
    lead: 'Information about violence, what the law says and where you can get support – for you who are exposed, for you who want to stop using violence and for you who are worried about someone.',
    emergency: 'Is it an emergency? Call 112.',
    kvinnofridslinjen: 'You can always call Kvinnofridslinjen, 020-50 50 50. The call is free, does not show on the phone bill and you can stay anonymous.',
    readMore: 'Read more',
    findTitle: 'Find support where you live',
    staffTitle: 'For staff',
    staffText: 'Staff of the collaborating agencies sign in here.',
    staffLink: 'Sign in as staff',
  },
  search: {
    heading: 'Support near you',
    lead: 'Choose your municipality. You see support in the municipality first, then in the county and last support lines for the whole country.',
    municipality: 'Municipality',
    chooseMunicipality: 'Choose a municipality',
    audience: 'Who needs support?',
    anyAudience: 'Everyone',
    language: 'Language spoken',
    anyLanguage: 'All languages',
    submit: 'Show support',
    results: '{count} results for {place}',
    noResults: 'No results. Call Kvinnofridslinjen, 020-50 50 50, and they will help you further.',
    phone: 'Phone',
    web: 'Web',
    why: 'Why it is shown',
    missingMunicipality: 'Choose a municipality to see support.',
    handout: 'Print a list of the support ({language}, PDF)',
  },
  accessibility: {
    heading: 'Accessibility statement for Upptäck',
    intro:
      'Upptäck should be usable by as many people as possible. This statement describes how Upptäck meets the Swedish act (2018:1937) on accessibility to digital public services, known shortcomings and how to report problems.',
    statusHeading: 'How accessible is the website?',
    status: 'We consider Upptäck partially compliant with the act. The goal is full compliance with WCAG 2.1 level AA (EN 301 549).',
    testingHeading: 'How we test',
    testing:
      'Every page our automated browser tests visit is checked with axe-core against WCAG 2.1 A and AA, and the test fails on any violation. The journeys are also tested with the keyboard only and at 320 pixels width. Automated tests do not find every problem; a manual review with a screen reader has not been done yet.',
    knownHeading: 'Known shortcomings',
    known:
      'The existing pages have not been reviewed manually with a screen reader, and we have not tested Windows high-contrast mode, changed text spacing or enlarged text on its own. The design system’s typeface is replaced by the system typeface. Capabilities not yet built are missing; the staff start page shows which. Page titles are neutral on purpose (for example “Information – part 2”) so that a visit does not show in browser tabs and history; the heading on the page says what it is about. The English, Arabic and easy-to-read Swedish translations have not been reviewed by a person and are labelled so.',
    reportHeading: 'Report problems',
    report:
      'If you find problems not described here, contact the organisation running this installation of Upptäck. You can also report to the Agency for Digital Government (Digg), the supervisory authority.',
    updated: 'This statement was updated on {date}.',
  },
  notFound: { heading: 'Page not found', text: 'Check the address, or go to the start page.', home: 'To the start page' },
  tooManyWrites: {
    heading: 'Wait a while',
    text: 'Many answers have come from your connection in a short time. Wait {minutes} minutes and send again. What you saved before is kept.',
  },
};

const ar: PublicMessages = {
  siteName: 'معلومات',
  quickExit: 'غادر الصفحة بسرعة',
  quickExitHint: 'اضغط على مفتاح Shift ثلاث مرات لمغادرة الصفحة',
  skipToContent: 'انتقل إلى المحتوى',
  demoBanner: 'تجريبي – يحتوي هذا التثبيت على معلومات مختلقة.',
  languages: 'اللغة',
  moreLanguages: 'لغات أخرى',
  unreviewed: 'هذا النص مترجم ولكن لم يراجعه شخص بعد. تواصل مع خط دعم إذا كان هناك شيء غير واضح.',
  nav: { label: 'الصفحات', start: 'البداية', search: 'الدعم القريب منك', hide: 'أخفِ زيارتك' },
  titles: {
    start: 'معلومات',
    page: 'معلومات – الجزء {number}',
    search: 'معلومات – جهات الاتصال',
    accessibility: 'إمكانية الوصول',
    notFound: 'الصفحة غير موجودة',
    tooManyWrites: 'انتظر قليلاً',
  },
  footer: {
    accessibility: 'بيان إمكانية الوصول',
    staff: 'للموظفين',
    privacy: 'لا يحفظ هذا الموقع ملفات تعريف الارتباط ولا يتصل بمواقع أخرى.',
  },
  start: {
    heading: 'معلومات ودعم',
    lead: 'هنا تجد معلومات عن العنف، وعما يقوله القانون، وعن أماكن الحصول على الدعم – لمن يتعرض للعنف، ولمن يريد التوقف عن استخدام العنف، ولمن يقلق على شخص ما.',
    emergency: 'هل الأمر طارئ؟ اتصل بالرقم 112.',
    kvinnofridslinjen:
      'يمكنك دائمًا الاتصال بخط Kvinnofridslinjen على الرقم 020-50 50 50. المكالمة مجانية ولا تظهر في فاتورة الهاتف ويمكنك أن تبقى مجهول الهوية.',
    readMore: 'اقرأ المزيد',
    findTitle: 'ابحث عن الدعم حيث تعيش',
    staffTitle: 'للموظفين',
    staffText: 'يسجل موظفو السلطات المتعاونة الدخول هنا.',
    staffLink: 'تسجيل الدخول للموظفين',
  },
  search: {
    heading: 'الدعم القريب منك',
    lead: 'اختر بلديتك. سترى الدعم في البلدية أولًا، ثم في المقاطعة، وأخيرًا خطوط الدعم لكل البلاد.',
    municipality: 'البلدية',
    chooseMunicipality: 'اختر البلدية',
    audience: 'من يحتاج إلى الدعم؟',
    anyAudience: 'الجميع',
    language: 'اللغة المستخدمة',
    anyLanguage: 'كل اللغات',
    submit: 'اعرض الدعم',
    results: '{count} نتيجة في {place}',
    noResults: 'لا توجد نتائج. اتصل بخط Kvinnofridslinjen على الرقم 020-50 50 50 وسيساعدونك.',
    phone: 'الهاتف',
    web: 'الموقع',
    why: 'سبب ظهورها',
    missingMunicipality: 'اختر بلدية لترى الدعم.',
    handout: 'اطبع قائمة بالدعم ({language}، PDF)',
  },
  accessibility: {
    heading: 'بيان إمكانية الوصول لموقع Upptäck',
    intro:
      'يجب أن يتمكن أكبر عدد ممكن من الناس من استخدام Upptäck. يصف هذا البيان كيف يلتزم Upptäck بالقانون السويدي (2018:1937) بشأن إمكانية الوصول إلى الخدمات العامة الرقمية، والنواقص المعروفة، وكيفية الإبلاغ عن المشكلات.',
    statusHeading: 'ما مدى إمكانية الوصول إلى الموقع؟',
    status: 'نرى أن Upptäck متوافق جزئيًا مع القانون. الهدف هو التوافق الكامل مع WCAG 2.1 المستوى AA.',
    testingHeading: 'كيف نختبر',
    testing:
      'كل صفحة تزورها اختباراتنا الآلية تُفحص باستخدام axe-core وفق WCAG 2.1 A و AA. تُختبر المسارات أيضًا باستخدام لوحة المفاتيح فقط وبعرض 320 بكسل. لم تتم بعد مراجعة يدوية باستخدام قارئ الشاشة.',
    knownHeading: 'النواقص المعروفة',
    known: 'عناوين الصفحات محايدة عن قصد حتى لا تظهر الزيارة في علامات التبويب وسجل المتصفح. الترجمات لم يراجعها شخص بعد وهي موسومة بذلك.',
    reportHeading: 'الإبلاغ عن النواقص',
    report: 'إذا وجدت مشكلات غير موصوفة هنا، تواصل مع الجهة التي تدير هذا التثبيت من Upptäck. يمكنك أيضًا الإبلاغ إلى هيئة الإدارة الرقمية (Digg).',
    updated: 'تم تحديث هذا البيان في {date}.',
  },
  notFound: { heading: 'الصفحة غير موجودة', text: 'تحقق من العنوان، أو اذهب إلى صفحة البداية.', home: 'إلى صفحة البداية' },
  tooManyWrites: {
    heading: 'انتظر قليلاً',
    text: 'وصلت إجابات كثيرة من اتصالك في وقت قصير. انتظر {minutes} دقائق ثم أرسل مرة أخرى. ما حفظته من قبل لا يزال محفوظاً.',
  },
};

const lattlast: PublicMessages = {
  ...sv,
  unreviewed: 'Den här texten har inte kontrollerats av en person än. Ring en stödlinje om du inte förstår.',
  nav: { label: 'Sidor', start: 'Start', search: 'Hjälp nära dig', hide: 'Göm att du varit här' },
  start: {
    ...sv.start,
    heading: 'Information och hjälp',
    lead: 'Här kan du läsa om våld. Du kan läsa om vad lagen säger. Du kan se var du kan få hjälp.',
    emergency: 'Är det farligt nu? Ring 112.',
    kvinnofridslinjen: 'Du kan alltid ringa Kvinnofridslinjen, 020-50 50 50. Det kostar ingenting. Du behöver inte säga ditt namn.',
    findTitle: 'Hitta hjälp där du bor',
  },
  search: {
    ...sv.search,
    heading: 'Hjälp nära dig',
    lead: 'Välj din kommun. Då ser du var du kan få hjälp.',
    audience: 'Vem behöver hjälp?',
    submit: 'Visa hjälp',
    noResults: 'Vi hittade ingenting. Ring Kvinnofridslinjen, 020-50 50 50.',
    why: 'Varför vi visar den',
    handout: 'Skriv ut en lista ({language}, PDF)',
  },
};

export const publicSiteMessages: Readonly<Record<PublicLanguage, PublicMessages>> = { sv, en, ar, lattlast };

/** Whether each language's chrome above was reviewed by a person (Swedish is the source). */
export const CHROME_REVIEWED: Readonly<Record<PublicLanguage, boolean>> = { sv: true, en: false, ar: false, lattlast: false };

/** The name of each public language in that language, for the language switcher. */
export const LANGUAGE_NAMES: Readonly<Record<PublicLanguage, { name: string; lang: string }>> = {
  sv: { name: 'Svenska', lang: 'sv' },
  en: { name: 'English', lang: 'en' },
  ar: { name: 'العربية', lang: 'ar' },
  lattlast: { name: 'Lättläst svenska', lang: 'sv' },
};

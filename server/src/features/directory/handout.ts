import { sql } from 'drizzle-orm';
import type { PublicLanguage, ServiceResult } from '#shared/contracts/directory.ts';
import { visibleStatuses, type TextStatus } from '#shared/contracts/languages.ts';
import { directoryLabels } from '#shared/contracts/directory-labels.ts';
import type { Translation } from '#shared/i18n/messages.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate, stockholmDate } from '#shared/time/stockholm.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { fontFor } from '../../platform/export/pdf-fonts.ts';
import { loadPdfKit } from '../../platform/export/pdf-report.ts';
import { chromeLanguage, findLanguage, listLanguages } from '../../platform/languages/languages.ts';
import { pdfBuffer } from '../../platform/export/pdf-report.ts';
import { searchDirectory } from './directory-service.ts';
import { isolateLtr, registerFonts, rtlParagraph } from './pdf-text.ts';

/**
 * The printable handout (issue 4): one A4 PDF per municipality and language with the local
 * services, the national lines and a short text on rights and support. It is generated from the
 * public read model (run the transaction as `upptack_public`), so a protected address or a
 * staff-only number cannot reach it; and it carries nothing about the client.
 */
const sv = {
  title: 'Stöd vid våld – {place}',
  intro:
    'Ingen ska behöva leva med våld eller hot. Du har rätt till stöd och skydd, vem du än är. Du kan vara anonym när du ringer stödlinjerna, och samtalen syns inte alltid på telefonräkningen.',
  emergency: 'Akut fara? Ring 112.',
  rightsTitle: 'Dina rättigheter',
  rights:
    'Socialtjänsten i din kommun ska ge stöd och hjälp till den som utsätts för våld och till barn som upplever våld. Den som använder våld kan få hjälp att sluta. Våld i nära relationer är ett brott och kan anmälas till polisen. Du kan få tolk.',
  localTitle: 'Stöd i {place} och i länet',
  nationalTitle: 'Nationella stödlinjer',
  noLocal: 'Det finns inga kontrollerade lokala uppgifter ännu. Kontakta socialtjänsten i din kommun via kommunens växel.',
  phone: 'Telefon',
  web: 'Webb',
  footer:
    'Uppgifterna kommer från Upptäcks stödkatalog och kontrollerades senast det datum som anges vid varje tjänst. Utskriven {date}. Bladet innehåller inga uppgifter om dig.',
  checked: 'Kontrollerad {date}',
  demo: 'DEMO – påhittade uppgifter',
} as const;

type HandoutText = Translation<typeof sv>;

/** Whether each built-in handout text was reviewed by a person (Swedish is the source). */
const HANDOUT_REVIEWED: Record<PublicLanguage, boolean> = { sv: true, en: false, ar: false, lattlast: false };

const HANDOUT_TEXT: Record<PublicLanguage, HandoutText> = {
  sv,
  en: {
    title: 'Support for people affected by violence – {place}',
    intro:
      'No one should have to live with violence or threats. You have the right to support and protection, whoever you are. You can stay anonymous when you call the support lines.',
    emergency: 'In immediate danger? Call 112.',
    rightsTitle: 'Your rights',
    rights:
      'The social services in your municipality must give support and help to people exposed to violence and to children who experience violence. People who use violence can get help to stop. Violence in close relationships is a crime and can be reported to the police. You can have an interpreter.',
    localTitle: 'Support in {place} and the county',
    nationalTitle: 'National support lines',
    noLocal: 'There is no checked local information yet. Contact the social services in your municipality through the municipal switchboard.',
    phone: 'Phone',
    web: 'Web',
    footer:
      'The information comes from the Upptäck support directory and was last checked on the date given for each service. Printed {date}. This sheet contains no information about you.',
    checked: 'Checked {date}',
    demo: 'DEMO – made-up information',
  },
  ar: {
    title: 'الدعم في حالات العنف – {place}',
    intro: 'لا ينبغي لأحد أن يعيش مع العنف أو التهديد. لديك الحق في الدعم والحماية أيًا كنت. يمكنك أن تبقى مجهول الهوية عندما تتصل بخطوط الدعم.',
    emergency: 'في حالة خطر حاد؟ اتصل بالرقم 112.',
    rightsTitle: 'حقوقك',
    rights:
      'يجب على الخدمات الاجتماعية في بلديتك أن تقدم الدعم والمساعدة لمن يتعرض للعنف وللأطفال الذين يعيشون العنف. يمكن لمن يمارس العنف أن يحصل على مساعدة للتوقف. العنف في العلاقات القريبة جريمة ويمكن إبلاغ الشرطة عنه. يمكنك الحصول على مترجم.',
    localTitle: 'الدعم في {place} وفي المقاطعة',
    nationalTitle: 'خطوط الدعم الوطنية',
    noLocal: 'لا توجد معلومات محلية تم التحقق منها بعد. تواصل مع الخدمات الاجتماعية في بلديتك عبر مقسم البلدية.',
    phone: 'الهاتف',
    web: 'الموقع',
    footer: 'المعلومات من دليل الدعم في Upptäck. طُبعت في {date}. لا تحتوي هذه الورقة على أي معلومات عنك. هذه الترجمة لم يراجعها شخص بعد.',
    checked: 'تم التحقق في {date}',
    demo: 'تجريبي – معلومات مختلقة',
  },
  lattlast: {
    title: 'Hjälp om någon slår eller hotar – {place}',
    intro: 'Ingen ska bli slagen eller hotad. Du har rätt att få hjälp. Du behöver inte säga ditt namn när du ringer.',
    emergency: 'Är det farligt just nu? Ring 112.',
    rightsTitle: 'Det här har du rätt till',
    rights:
      'Socialtjänsten i din kommun ska hjälpa dig om någon slår eller hotar dig. Barn ska också få hjälp. Den som slår kan få hjälp att sluta. Det är ett brott att slå. Du kan få en tolk.',
    localTitle: 'Hjälp i {place}',
    nationalTitle: 'Telefoner för hela Sverige',
    noLocal: 'Vi har inga kontrollerade uppgifter om din kommun än. Ring kommunen och fråga efter socialtjänsten.',
    phone: 'Telefon',
    web: 'Webb',
    footer: 'Uppgifterna kommer från Upptäck. Utskrivet {date}. Det står ingenting om dig på det här papperet.',
    checked: 'Kontrollerad {date}',
    demo: 'DEMO – påhittade uppgifter',
  },
};

export type Handout = { pdf: Buffer; filename: string };

export type HandoutInput = {
  municipality: string;
  /** A code of the languages table (ADR 0109). */
  language: string;
  now: Date;
  /** Demo mode shows machine drafts and unreviewed translations, marked; otherwise reviewed text only. */
  demoMode?: boolean;
};

const SNIPPET = sql`select t.language, t.body, t.review_status from content_translations t where t.slug = 'tolk'`;

/**
 * Generates the handout for a municipality (SCB code) in a language of the languages table: the
 * fixed text in its built-in catalogue where one may be shown, else Swedish with the line on how
 * to get an interpreter in the language (where that line may be shown) and in Swedish. Tagged
 * (ADR 0110): a structure tree in reading order, the document's and each foreign passage's
 * language, embedded fonts, and a text layer that gives the words as written.
 */
export async function renderHandout(tx: Tx, input: HandoutInput): Promise<Handout> {
  const demoMode = input.demoMode ?? false;
  const visible = visibleStatuses(demoMode);
  const languages = await listLanguages(tx);
  const language = findLanguage(languages, input.language);
  if (!language) throw new AppError('not_found');
  const chrome = chromeLanguage(language.code, (code) => demoMode || HANDOUT_REVIEWED[code]);
  const result = await searchDirectory(
    tx,
    { municipality: input.municipality },
    { now: input.now, language: chrome, audience: 'public', textLanguage: language.code, textStatuses: visible },
  );
  const snippets = chrome === language.code ? [] : await queryRows<{ language: string; body: string; review_status: string }>(tx, SNIPPET);
  const ownLine = snippets.find((row) => row.language === language.code && visible.includes(row.review_status as TextStatus));
  const swedishLine = snippets.find((row) => row.language === 'sv');
  const text = HANDOUT_TEXT[chrome];
  const labels = directoryLabels[chrome];
  const rtl = chrome === 'ar';
  const documentTag = chrome === 'en' ? 'en-GB' : chrome === 'ar' ? 'ar' : 'sv-SE';
  const placeName = result.municipality?.name ?? result.county.name;
  const place = rtl ? isolateLtr(placeName) : placeName;
  // Arabic gets ISO dates: the shared formatter speaks Swedish and English only.
  const showDate = (value: string | Date) =>
    rtl ? (typeof value === 'string' ? value : stockholmDate(value)) : formatDate(value, chrome === 'en' ? 'en' : 'sv');

  // No metadata beyond a neutral title: the file must not identify a client or a caseworker.
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    tagged: true,
    pdfVersion: '1.7',
    lang: documentTag,
    displayTitle: true,
    info: { Title: interpolate(text.title, { place: placeName }), Producer: 'Upptäck', Creator: 'Upptäck' },
  });
  const done = pdfBuffer(doc);
  registerFonts(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);

  type ParagraphOptions = { bold?: boolean; gap?: number; color?: string; role?: 'H1' | 'H2' | 'H3' | 'P'; lang?: string; direction?: 'ltr' | 'rtl' };
  const paragraph = (value: string, size: number, options: ParagraphOptions = {}) => {
    const right = options.direction ? options.direction === 'rtl' : rtl;
    root.add(
      doc.struct(options.role ?? 'P', options.lang ? { lang: options.lang } : {}, () => {
        doc.fillColor(options.color ?? '#000000');
        if (right) rtlParagraph(doc, value, { size, gap: options.gap ?? 4 });
        else
          doc
            .font(fontFor(value, options.bold))
            .fontSize(size)
            .text(value, doc.page.margins.left, doc.y, { paragraphGap: options.gap ?? 4 });
      }),
    );
  };

  // In right-to-left text, numbers, addresses and names in Latin script are isolated so that
  // "023-000 06 00" is not reordered into "00 06 000-023" (UAX #9, rule N1).
  const ltr = (value: string) => (rtl ? isolateLtr(value) : value);
  const service = (entry: ServiceResult) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    paragraph(ltr(entry.name) + (entry.demo ? ` (${text.demo})` : ''), 11.5, { bold: true, gap: 1, role: 'H3' });
    const phones = entry.phones.map((phone) => ltr(phone.number)).join(', ');
    const contact = [phones ? `${text.phone}: ${phones}` : '', entry.url ? `${text.web}: ${ltr(entry.url)}` : ''].filter(Boolean).join('   ');
    if (contact) paragraph(contact, 10.5, { gap: 1 });
    paragraph(entry.kinds.map((kind) => labels.kinds[kind]).join(', '), 9.5, { gap: 1 });
    if (entry.description && entry.descriptionLanguage !== 'sv') {
      const marked = entry.descriptionStatus === 'reviewed' ? entry.description : `${entry.description} (${labels.unreviewedTranslation})`;
      paragraph(marked, 9.5, { gap: 1, lang: language.tag, direction: language.direction });
    } else if (entry.description && (chrome === 'sv' || chrome === 'lattlast')) {
      paragraph(entry.description, 9.5, { gap: 1 });
    }
    if (entry.confidentialLocation) paragraph(labels.confidentialLocation, 9.5, { gap: 1 });
    paragraph(entry.openingHours.text, 9, { gap: 1, color: '#333333' });
    if (entry.verification.verifiedOn)
      paragraph(interpolate(text.checked, { date: ltr(showDate(entry.verification.verifiedOn)) }), 8.5, { gap: 8, color: '#333333' });
    else doc.moveDown(0.5);
  };

  paragraph(interpolate(text.title, { place }), 18, { bold: true, gap: 6, role: 'H1' });
  if (ownLine) {
    const marked = ownLine.review_status === 'reviewed' ? ownLine.body : `${ownLine.body} (${labels.unreviewedTranslation})`;
    paragraph(marked, 11, { gap: 4, lang: language.tag, direction: language.direction });
  }
  if (swedishLine) paragraph(swedishLine.body, 11, { gap: 8, lang: 'sv-SE', direction: 'ltr' });
  paragraph(text.intro, 11, { gap: 6 });
  paragraph(text.emergency, 13, { bold: true, gap: 8 });
  paragraph(text.rightsTitle, 13, { bold: true, gap: 2, role: 'H2' });
  paragraph(text.rights, 10.5, { gap: 10 });

  const local = result.services.filter((entry) => entry.level !== 'national');
  const national = result.services.filter((entry) => entry.level === 'national');
  paragraph(interpolate(text.localTitle, { place }), 14, { bold: true, gap: 6, role: 'H2' });
  if (local.length === 0) paragraph(text.noLocal, 10.5, { gap: 8 });
  for (const entry of local) service(entry);
  // Keep a section heading together with its first service.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage();
  paragraph(text.nationalTitle, 14, { bold: true, gap: 6, role: 'H2' });
  for (const entry of national) service(entry);
  doc.moveDown(1);
  paragraph(interpolate(text.footer, { date: ltr(showDate(input.now)) }), 8.5, { color: '#333333' });
  doc.end();
  return { pdf: await done, filename: `stod-${input.municipality}-${language.code}.pdf` };
}

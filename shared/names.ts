/**
 * Names people type — a registrant's name, an organisation, a file name — are shown to others:
 * staff lists, exports, download dialogs. Invisible bidirectional controls let `fdp.exe` with a
 * right-to-left override read as `exe.pdf`, and markup characters invite a name to be taken for
 * HTML somewhere it is not escaped (issue 16 item 6). Applied at the validation boundary (zod
 * `.overwrite(normaliseName)` before `.trim()` and the length checks), so what is stored, counted
 * and shown is the cleaned name.
 */

/** LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM; the Arabic letter mark. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const MARKUP = /[<>]/g;

/** NFC, without bidirectional controls and `<` `>`. NFC comes last: a removed character may have
 * stood between a letter and its combining mark. */
export function normaliseName(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(MARKUP, '').normalize('NFC');
}

import { describe, expect, it } from 'vitest';
import { normaliseName } from './names.ts';

describe('normaliseName', () => {
  it('removes every bidirectional control, so a name reads as it is stored', () => {
    expect(normaliseName('\u202Egnp.exe')).toBe('gnp.exe');
    expect(normaliseName('Protokoll\u202Excod.pdf')).toBe('Protokollxcod.pdf');
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    expect(normaliseName(`An${controls.join('')}na`)).toBe('Anna');
  });

  it('removes markup characters', () => {
    expect(normaliseName('<script>Eva</script>')).toBe('scriptEva/script');
    expect(normaliseName('Eva <eva@example.se>')).toBe('Eva eva@example.se');
  });

  it('composes to NFC, also across a removed control', () => {
    expect(normaliseName('Mo\u0308lnlycke')).toBe('Mölnlycke');
    expect(normaliseName('Mo\u202E\u0308lnlycke')).toBe('Mölnlycke');
  });

  it('leaves ordinary names alone, in any script', () => {
    for (const name of ['Åsa Öberg-Ängström', 'محمد العلي', 'Zoë O’Brien', 'Kvinnojouren i Falun (ideell)']) expect(normaliseName(name)).toBe(name);
  });
});

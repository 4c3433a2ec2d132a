import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Prose } from './prose.tsx';

const html = (text: string, rtl = false) =>
  renderToStaticMarkup(
    <p>
      <Prose text={text} rtl={rtl} />
    </p>,
  );

describe('phone numbers and names in prose (issues 21 and 22)', () => {
  it('makes the helpline and 112 tappable, isolated left to right', () => {
    expect(html('Ring Kvinnofridslinjen, 020-50 50 50. Vid akut fara: ring 112.')).toBe(
      '<p>Ring Kvinnofridslinjen, <a href="tel:020505050" dir="ltr">020-50 50 50</a>. Vid akut fara: ring <a href="tel:112" dir="ltr">112</a>.</p>',
    );
  });

  it('isolates the number and the Latin-script name inside Arabic prose, so the digit groups keep their order', () => {
    const out = html('يمكنك دائمًا الاتصال بخط Kvinnofridslinjen على الرقم 020-50 50 50. المكالمة مجانية', true);
    expect(out).toContain('<bdi>Kvinnofridslinjen</bdi>');
    expect(out).toContain('<a href="tel:020505050" dir="ltr">020-50 50 50</a>');
  });

  it('leaves years, counts and other numbers alone', () => {
    expect(html('Lagen (2025:400) gäller sedan 2025 för 290 kommuner.')).toBe('<p>Lagen (2025:400) gäller sedan 2025 för 290 kommuner.</p>');
  });

  it('escapes markup in the text', () => {
    expect(html('<script>x</script> 08-123 45 67')).toBe('<p>&lt;script&gt;x&lt;/script&gt; <a href="tel:081234567" dir="ltr">08-123 45 67</a></p>');
  });
});

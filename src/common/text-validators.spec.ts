import { IsEmail, Matches, validateSync } from 'class-validator';
import { EMAIL_PATTERN, IsPlainText, isPlainText } from './text-validators';

describe('isPlainText', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['ANSI escape', '\u001b[31mred'],
    ['tab', 'a\tb'],
    ['line feed', 'a\nb'],
    ['carriage return', 'a\rb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['right-to-left override', 'exe.\u202egpj'],
    ['left-to-right embedding', '\u202aabc'],
    ['pop directional formatting', 'abc\u202c'],
    ['first strong isolate', '\u2068abc'],
    ['pop directional isolate', 'abc\u2069'],
    ['right-to-left mark', 'abc\u200f'],
    ['arabic letter mark', 'abc\u061c'],
    ['zero-width space', 'Krise\u200bcenter'],
    ['zero-width joiner', 'Krise\u200dcenter'],
    ['word joiner', 'Krise\u2060center'],
    ['byte order mark', '\ufeffKrisecenter'],
  ])('refuses %s on one line', (_name, text) => {
    expect(isPlainText(text)).toBe(false);
  });

  it('allows line breaks only where text may have several lines', () => {
    expect(isPlainText('Linje 1\nLinje 2\r\nLinje 3', true)).toBe(true);
    expect(isPlainText('Linje 1\tLinje 2', true)).toBe(false);
    expect(isPlainText('Linje 1\u202eLinje 2', true)).toBe(false);
    expect(isPlainText('Linje 1\u200bLinje 2', true)).toBe(false);
  });

  it('keeps Danish and other ordinary text, and refuses what is not a string', () => {
    expect(isPlainText('Krisecenter Ærø – «Nord» (24/7) · søndag')).toBe(true);
    expect(isPlainText('مركز الأزمات')).toBe(true);
    expect(isPlainText(42)).toBe(false);
  });
});

class Listing {
  @IsPlainText()
  name!: string;

  @IsPlainText({ multiline: true })
  description!: string;

  @IsEmail()
  @Matches(EMAIL_PATTERN)
  email!: string;
}

const problems = (over: Partial<Listing>): string[] =>
  validateSync(
    Object.assign(new Listing(), { name: 'A', description: 'B', email: 'a@b.dk', ...over }),
  ).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsPlainText and EMAIL_PATTERN on a DTO', () => {
  it('names the field and the rule, never the value', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ name: 'A\u202eB' })).toEqual([
      'name must be one line without control, direction or zero-width characters',
    ]);
    expect(problems({ description: 'A\u0000B' })).toEqual([
      'description must not contain control, direction or zero-width characters',
    ]);
  });

  it('takes e-mail addresses only', () => {
    for (const email of ['kontakt@krise.dk', 'a.b+c_d-e%f@sub.krise-nord.example']) {
      expect([email, problems({ email })]).toEqual([email, []]);
    }
    for (const email of [
      'x?body=hi&cc=evil@evil.example',
      'x&cc=evil@evil.example',
      'x@evil.example?cc=a@b.dk',
      'x@evil',
      'a b@c.dk',
    ]) {
      expect([email, problems({ email }).length > 0]).toEqual([email, true]);
    }
  });
});

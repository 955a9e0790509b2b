import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Characters that make text look like other text or break a line: C0 and C1 controls (NUL, ANSI
 * escape, CR, LF, tab), the direction embeddings, overrides and isolates (U+202A–202E,
 * U+2066–2069) and the direction marks (U+200E–200F, U+061C), and zero-width characters
 * (U+200B–200D, U+2060, U+FEFF). A name with U+202E shows "Krisecenter" reversed; one with a
 * zero-width space looks like another listing's name.
 */
const HIDDEN = '\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF\\u061C';
const SINGLE_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${HIDDEN}]`);
/** In a description, line breaks (LF, CR) are text; every other character above is not. */
const MULTI_LINE = new RegExp(
  `[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${HIDDEN}]`,
);

/** Whether `value` is text of one line without control, direction or zero-width characters. */
export function isPlainText(value: unknown, multiline = false): boolean {
  return typeof value === 'string' && !(multiline ? MULTI_LINE : SINGLE_LINE).test(value);
}

/**
 * Text shown to people (names, addresses, opening hours; with `multiline`, a description):
 * refuses control, direction and zero-width characters, and line breaks unless `multiline`.
 */
export function IsPlainText(
  { multiline = false }: { multiline?: boolean } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: ({ property }) =>
          multiline
            ? `${property} must not contain control, direction or zero-width characters`
            : `${property} must be one line without control, direction or zero-width characters`,
        ...options,
      },
      validator: { validate: (value: unknown) => isPlainText(value, multiline) },
    });
  };
}

/**
 * An e-mail address and nothing more: a local part of letters, digits and `._%+-`, and a domain.
 * `x?body=hi&cc=evil@evil.example` is a valid address to the RFC but becomes a `mailto:` link
 * that writes a mail the editor chose.
 */
export const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

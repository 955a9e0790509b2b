/** One `Intl.DisplayNames` per locale, built on first use. */
const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * ISO 639-1 code → its name in `locale` ("ar" → "arabisk" / "Arabic"); the code itself when
 * unknown or malformed, so a language a service lists is always shown as something.
 */
export function languageName(code: string, locale: 'da' | 'en'): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

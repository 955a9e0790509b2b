import { languageName } from '../taxonomy/language-names';

/**
 * Words and spellings search treats alike, shared by both engines: Danish letters and their ASCII
 * forms, Danish ↔ English words, and the keywords each service type, group and need is known by.
 */

/** The Danish ASCII spelling: å → aa, æ → ae, ø → oe (Aarhus/Århus, boernehus/børnehus). */
export function danishAscii(text: string): string {
  return text.toLowerCase().replace(/å/g, 'aa').replace(/æ/g, 'ae').replace(/ø/g, 'oe');
}

/**
 * What Lucene's ASCIIFoldingFilter (the `standard-folding` analyzer) makes of a lower-case word:
 * accents dropped, æ → ae, ø → o, ß → ss. Wildcard and fuzzy terms bypass the analyzer, so the
 * query builder folds them itself.
 */
export function luceneFold(word: string): string {
  return word
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Words that carry no meaning in a search (English ones are also dropped by the analyzer). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'be',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'af',
  'de',
  'den',
  'der',
  'det',
  'en',
  'et',
  'i',
  'med',
  'og',
  'om',
  'på',
  'som',
  'til',
]);

export const MAX_QUERY_TERMS = 12;

/**
 * The words of a query: lower case, split at anything that is not a letter or digit, stop words
 * dropped (unless nothing else is left), each word once, at most MAX_QUERY_TERMS.
 */
export function searchTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w) && w.length > 1);
  const chosen = meaningful.length > 0 ? meaningful : words;
  return [...new Set(chosen)].slice(0, MAX_QUERY_TERMS);
}

/**
 * Groups of words that mean the same to someone searching (Danish and English). Each group is
 * expanded at query time (Neo4j) and given to Meilisearch as synonyms.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['krisecenter', 'krisecentre', 'kvindekrisecenter', 'shelter', 'shelters'],
  ['voldtægt', 'rape'],
  ['voldtægtsofre', 'rape victims'],
  ['børnehus', 'børnehuse', "children's house"],
  ['juridisk', 'legal'],
  ['rådgivning', 'counselling', 'counseling', 'advice'],
  ['forældremyndighed', 'custody'],
  ['samvær', 'contact arrangements'],
  ['skilsmisse', 'divorce'],
  ['opholdsgrundlag', 'opholdstilladelse', 'residence'],
  ['stalking', 'forfølgelse'],
  ['politi', 'police'],
  ['kvinder', 'kvinde', 'women', 'woman'],
  ['mænd', 'mand', 'men', 'man'],
  ['børn', 'barn', 'children', 'child'],
  ['unge', 'young'],
  ['gravide', 'gravid', 'pregnant'],
  ['voldsudøver', 'voldsudøvere', 'perpetrator', 'perpetrators'],
  ['pårørende', 'relatives'],
  ['bolig', 'housing'],
  ['psykolog', 'psykologbehandling', 'psychologist', 'psychological'],
  ['mandecenter', "men's centre"],
  ['hotline', 'telefonrådgivning', 'helpline'],
  ['efterværn', 'aftercare'],
  ['anonym', 'anonymous'],
  ['akut', 'emergency', 'acute'],
];

const SYNONYMS_BY_WORD: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of SYNONYM_GROUPS) {
    for (const word of group) {
      const key = danishAscii(word);
      const others = group.filter((w) => w !== word);
      map.set(key, [...new Set([...(map.get(key) ?? []), ...others])]);
    }
  }
  return map;
})();

/** Other words for a query word (single words only: phrases are for Meilisearch). */
export function synonymsOf(word: string): string[] {
  return (SYNONYMS_BY_WORD.get(danishAscii(word)) ?? []).filter((w) => !/\s/.test(w));
}

/**
 * Extra words a service is found by, per type, group or need code: the colloquial Danish and
 * English names that the official names do not contain (e.g. a "Kvindekrisecenter" is a
 * "krisecenter"). Added to the searchText of every service carrying the code.
 */
export const KEYWORDS_BY_CODE: Readonly<Record<string, string>> = {
  'womens-shelter': 'krisecenter shelter kvinder women',
  'mens-shelter': 'krisecenter shelter mænd men',
  'mens-centre': 'krisecenter mænd men',
  'childrens-house': 'børn children børnehus',
  'rape-centre': 'voldtægt rape overgreb sexual assault',
  'intervention-centre': 'rådgivning counselling',
  hotline: 'telefon phone rådgivning counselling helpline',
  counselling: 'rådgivning counselling',
  'perpetrator-programme': 'voldsudøver perpetrator behandling treatment',
  'perpetrator-housing': 'voldsudøver perpetrator bolig housing',
  'stalking-support': 'stalking forfølgelse',
  'pregnancy-team': 'gravid pregnant jordemoder midwife',
  'youth-programme': 'unge young kærestevold dating violence',
  'child-support': 'børn children',
  'family-counselling': 'familie family rådgivning counselling',
  'legal-aid': 'juridisk legal advokat lawyer rådgivning advice',
  police: 'politi police 112 114',
  'custody-and-contact': 'forældremyndighed custody samvær',
  'secret-address': 'hemmelig adresse secret address',
  'emergency-stay': 'akut emergency krisecenter shelter',
};

/**
 * Names of the languages services speak, in Danish and English, for searches such as
 * "rådgivning arabisk" (codes without an entry are indexed as the code itself).
 */
export const LANGUAGE_CODES = [
  'da',
  'en',
  'de',
  'sv',
  'no',
  'fr',
  'es',
  'it',
  'pl',
  'ro',
  'lt',
  'lv',
  'bg',
  'uk',
  'ru',
  'ar',
  'fa',
  'ps',
  'ur',
  'so',
  'ti',
  'am',
  'tr',
  'ku',
  'bs',
  'sr',
  'hr',
  'sq',
  'ta',
  'hi',
  'bn',
  'pa',
  'th',
  'vi',
  'zh',
  'tl',
  'kl',
  'fo',
  'is',
  'fi',
  'nl',
  'pt',
  'el',
  'he',
] as const;

/** Code → "danish-name english-name", the words a service speaking it is found by. */
export const LANGUAGE_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  LANGUAGE_CODES.map((code) => [
    code,
    `${languageName(code, 'da')} ${languageName(code, 'en')}`.toLowerCase(),
  ]),
);

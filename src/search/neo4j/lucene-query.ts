import { danishAscii, luceneFold, synonymsOf } from '../search-vocabulary';

export type MatchMode = 'all' | 'any';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes every character the Lucene query parser treats as syntax. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

const MIN_PREFIX_LENGTH = 2;
const MIN_FUZZY_LENGTH = 6;

/** The spellings one query word is searched by: as typed (folded), its Danish ASCII form. */
function spellings(word: string): string[] {
  return [...new Set([luceneFold(word), luceneFold(danishAscii(word))])].filter((w) => w !== '');
}

/**
 * The clause for one word: each spelling exactly (boosted), as a prefix ("voldt" finds
 * "voldtægt") and with one typo ("krisecentr"); synonyms exactly.
 */
function wordClause(word: string): string {
  const parts: string[] = [];
  for (const spelling of spellings(word)) {
    const term = escapeLucene(spelling);
    parts.push(`${term}^3`);
    if (spelling.length >= MIN_PREFIX_LENGTH) {
      parts.push(`${term}*`);
    }
    if (spelling.length >= MIN_FUZZY_LENGTH) {
      parts.push(`${term}~1`);
    }
  }
  for (const synonym of synonymsOf(word)) {
    for (const spelling of spellings(synonym)) {
      parts.push(`${escapeLucene(spelling)}^2`);
    }
  }
  return `(${[...new Set(parts)].join(' OR ')})`;
}

/**
 * A Lucene query for the words of a search (from `searchTerms`): every word required (`all`) or
 * any of them (`any`, the fallback when requiring all finds nothing). User text only ever
 * appears escaped, as terms.
 */
export function buildLuceneQuery(terms: readonly string[], mode: MatchMode): string {
  const clauses = terms.map(wordClause);
  return mode === 'all' ? clauses.map((c) => `+${c}`).join(' ') : clauses.join(' OR ');
}

import { buildLuceneQuery, escapeLucene } from './lucene-query';
import {
  danishAscii,
  joinCompounds,
  luceneFold,
  searchTerms,
  synonymsOf,
} from './search-vocabulary';

describe('searchTerms', () => {
  it('splits at anything but letters and digits, lower-cases, drops stop words and repeats', () => {
    expect(searchTerms('Juridisk rådgivning: forældremyndighed (arabisk) og juridisk')).toEqual([
      'juridisk',
      'rådgivning',
      'forældremyndighed',
      'arabisk',
    ]);
    expect(searchTerms('*** ()')).toEqual([]);
    expect(searchTerms('og i')).toEqual(['og', 'i']);
  });

  it('joins a compound written apart, with a hyphen or the other way round', () => {
    expect(searchTerms('krise center')).toEqual(['krisecenter']);
    expect(searchTerms('Krise-center Odense')).toEqual(['krisecenter', 'odense']);
    expect(searchTerms('center krise odense')).toEqual(['krisecenter', 'odense']);
    expect(searchTerms('kvinde krise center i Odense')).toEqual(['kvindekrisecenter', 'odense']);
    expect(searchTerms('boerne hus')).toEqual(['boernehus']);
    // Only words search knows are joined; anything else keeps its words and separators.
    expect(searchTerms('odense krise')).toEqual(['odense', 'krise']);
    expect(joinCompounds(' krise  center, Odense ')).toBe(' krisecenter, Odense ');
    expect(joinCompounds('krise: center')).toBe('krise: center');
  });
});

describe('folding', () => {
  it('has the Danish ASCII forms and what Lucene ASCII folding makes of a word', () => {
    expect(danishAscii('Børnehus Århus Sjælland')).toBe('boernehus aarhus sjaelland');
    expect(luceneFold('BØRNEHUS')).toBe('bornehus');
    expect(luceneFold('Århus')).toBe('arhus');
    expect(luceneFold('Sjælland')).toBe('sjaelland');
  });

  it('finds synonyms whatever the spelling', () => {
    expect(synonymsOf('krisecenter')).toEqual(
      expect.arrayContaining(['shelter', 'kvindekrisecenter']),
    );
    expect(synonymsOf('forældremyndighed')).toEqual(['custody']);
    expect(synonymsOf('foraeldremyndighed')).toEqual(['custody']);
    expect(synonymsOf('voldtaegt')).toEqual(['rape']);
  });
});

describe('buildLuceneQuery', () => {
  it('requires every word, each as exact (boosted), prefix, typo, Danish ASCII form and synonyms', () => {
    expect(buildLuceneQuery(['århus'], 'all')).toBe(
      '+(arhus^3 OR arhus* OR aarhus^3 OR aarhus* OR aarhus~1)',
    );
    expect(buildLuceneQuery(['krisecentr', 'voldt'], 'all')).toBe(
      '+(krisecentr^3 OR krisecentr* OR krisecentr~1) +(voldt^3 OR voldt*)',
    );
    expect(buildLuceneQuery(['skilsmisse'], 'all')).toBe(
      '+(skilsmisse^3 OR skilsmisse* OR skilsmisse~1 OR divorce^2)',
    );
  });

  it('can match any word (the fallback when all words find nothing)', () => {
    expect(buildLuceneQuery(['ab', 'cd'], 'any')).toBe('(ab^3 OR ab*) OR (cd^3 OR cd*)');
  });

  it('escapes every Lucene special character', () => {
    expect(escapeLucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t',
    );
  });
});

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

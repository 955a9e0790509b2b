import { danishAscii, luceneFold, searchTerms, synonymsOf } from './search-vocabulary';

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

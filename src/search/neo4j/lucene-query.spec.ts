import { buildLuceneQuery, escapeLucene } from './lucene-query';

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

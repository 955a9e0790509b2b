import { ServiceQuery } from '../catalogue/service-query';
import { meiliFilter, meiliSettings, meiliSynonyms, quote } from './meili-settings';
import { referenceData } from '../../test/support/reference-data';
import { NO_FILTER } from '../catalogue/service-query';

const none: ServiceQuery = { ...NO_FILTER };

describe('meiliFilter', () => {
  it('is empty without conditions', () => {
    expect(meiliFilter(none)).toEqual([]);
  });

  it('matches the expanded group and need codes against the codes a service carries', () => {
    expect(
      meiliFilter({
        ...none,
        typeCodes: ['womens-shelter', 'hotline'],
        targetGroupCodes: ['pregnant-women', 'victims', 'women'],
        needCodes: ['divorce', 'legal-advice'],
        languages: ['ar'],
      }),
    ).toEqual([
      'typeCode IN ["womens-shelter", "hotline"]',
      'targetGroupCodes IN ["pregnant-women", "victims", "women"]',
      'needCodes IN ["divorce", "legal-advice"]',
      'languages IN ["ar"]',
    ]);
  });

  it('matches a place by what a service is located in or covers, and national ones on request', () => {
    expect(meiliFilter({ ...none, regionCode: '1082', municipalityCode: '751' })).toEqual([
      'regionCodes = "1082"',
      'municipalityCodes = "751"',
    ]);
    expect(
      meiliFilter({ ...none, regionCode: '1082', municipalityCode: '751', includeNational: true }),
    ).toEqual([
      '(regionCodes = "1082" OR national = true)',
      '(municipalityCodes = "751" OR national = true)',
    ]);
  });

  it('quotes values so they can never become filter syntax', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(meiliFilter({ ...none, typeCodes: ['x" OR national = true OR "'] })).toEqual([
      'typeCode IN ["x\\" OR national = true OR \\""]',
    ]);
  });
});

describe('meiliSettings', () => {
  const { taxonomy, geography } = referenceData();
  const settings = meiliSettings(taxonomy, geography);

  it('searches public names and text only (never an address)', () => {
    expect(settings.searchableAttributes).toEqual([
      'name',
      'typeName',
      'typeNameEn',
      'organisationName',
      'targetGroupNames',
      'needNames',
      'municipalityName',
      'regionNames',
      'description',
      'searchText',
    ]);
    expect(
      JSON.stringify([settings.searchableAttributes, settings.filterableAttributes]),
    ).not.toMatch(/address|street|postal|city|phone|email/i);
  });

  it('filters and facets on codes, including the expanded hierarchy codes', () => {
    expect(settings.filterableAttributes).toEqual([
      'id',
      'typeCode',
      'targetGroupCodes',
      'needCodes',
      'targetGroupMatch',
      'needMatch',
      'regionCodes',
      'municipalityCodes',
      'national',
      'languages',
    ]);
    expect(settings.sortableAttributes).toEqual(['name', 'id']);
    expect(settings.rankingRules?.at(-1)).toBe('sort');
    expect(settings.faceting).toEqual({
      maxValuesPerFacet: 200,
      sortFacetValuesBy: { '*': 'count' },
    });
  });

  it('keeps indexing cheap: proximity within attributes, no facet search', () => {
    expect(settings.proximityPrecision).toBe('byAttribute');
    expect(settings.facetSearch).toBe(false);
  });

  it('has typo tolerance on', () => {
    expect(settings.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 6, twoTypos: 10 },
    });
  });

  it('is the same every time (applying it again changes nothing)', () => {
    expect(meiliSettings(taxonomy, geography)).toEqual(settings);
  });

  it('has synonyms for common words, Danish/English names and Danish letters', () => {
    const synonyms = meiliSynonyms(taxonomy, geography);
    expect(synonyms.krisecenter).toEqual(expect.arrayContaining(['shelter', 'kvindekrisecenter']));
    expect(synonyms.shelter).toContain('krisecenter');
    expect(synonyms.kvindekrisecenter).toContain("women's shelter");
    expect(synonyms['juridisk rådgivning']).toContain('legal advice');
    expect(synonyms.børnehus).toContain('boernehus');
    expect(synonyms.boernehus).toContain('børnehus');
    expect(synonyms.aarhus).toContain('århus');
    expect(synonyms.århus).toContain('aarhus');
    expect(synonyms.sjælland).toContain('sjaelland');
    expect(synonyms.forældremyndighed).toContain('custody');
    expect(settings.synonyms).toEqual(synonyms);
  });
});

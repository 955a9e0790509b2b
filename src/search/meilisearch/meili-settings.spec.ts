import { meiliSettings, meiliSynonyms } from './meili-settings';
import { referenceData } from '../../../test/support/reference-data';

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

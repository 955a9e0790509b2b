import { NO_FILTER, ServiceQuery } from '../../catalogue/service-query';
import { meiliFilter, quote } from './meili-filter';

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

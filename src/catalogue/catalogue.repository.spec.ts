import { startOf } from './catalogue.repository';
import { ServiceQuery } from './service-query';
import { NO_FILTER } from './service-query';

const none: ServiceQuery = { ...NO_FILTER };

describe('startOf: where a filtered page starts', () => {
  it('starts from a place before anything else', () => {
    const all = { ...none, typeCodes: ['x'], needCodes: ['y'], targetGroupCodes: ['z'] };
    expect(startOf({ ...all, municipalityCode: '461' }, false)).toBe('places');
    expect(startOf({ ...all, regionCode: '1083' }, true)).toBe('places');
  });

  it('then from the types, with or without the total', () => {
    expect(startOf({ ...none, typeCodes: ['x'], needCodes: ['y'] }, false)).toBe('types');
    expect(startOf({ ...none, typeCodes: ['x'] }, true)).toBe('types');
  });

  it('from the needs, then the groups, only when the total is asked for', () => {
    const broad = { ...none, needCodes: ['y'], targetGroupCodes: ['z'] };
    expect(startOf(broad, true)).toBe('needs');
    expect(startOf({ ...none, targetGroupCodes: ['z'] }, true)).toBe('groups');
    expect(startOf(broad, false)).toBeNull();
  });

  it('walks the name index when the filter names nothing to start from', () => {
    expect(startOf(none, true)).toBeNull();
    expect(startOf({ ...none, languages: ['da'], includeNational: true }, true)).toBeNull();
  });
});

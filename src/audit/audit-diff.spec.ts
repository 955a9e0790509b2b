import { diffStates } from './audit-diff';

describe('diffStates', () => {
  it('lists changed fields only, lists as sets, values as text', () => {
    expect(
      diffStates(
        { name: 'A', phone: null, languages: ['da', 'ar'], minAge: 18, open24h: false },
        { name: 'B', phone: '+45 11 22 33 44', languages: ['ar', 'da'], minAge: 16 },
      ),
    ).toEqual([
      { field: 'name', from: 'A', to: 'B' },
      { field: 'phone', from: null, to: '+45 11 22 33 44' },
      { field: 'minAge', from: '18', to: '16' },
    ]);
  });

  it('treats a new listing as changes from nothing', () => {
    expect(
      diffStates(null, { name: 'A', national: true, regionCodes: [], email: null, minAge: 0 }),
    ).toEqual([
      { field: 'name', from: null, to: 'A' },
      { field: 'national', from: null, to: 'true' },
      { field: 'minAge', from: null, to: '0' },
    ]);
  });
});

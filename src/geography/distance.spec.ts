import { distanceKm } from './distance';

describe('distanceKm', () => {
  it('measures Odense to Aalborg within a kilometre', () => {
    const odense = { latitude: 55.396, longitude: 10.388 };
    const aalborg = { latitude: 57.048, longitude: 9.921 };
    expect(Math.round(distanceKm(odense, aalborg))).toBe(186);
    expect(distanceKm(odense, odense)).toBe(0);
  });
});

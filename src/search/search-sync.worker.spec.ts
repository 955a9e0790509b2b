import { backoffMs } from './search-sync.worker';

describe('backoffMs', () => {
  it('doubles after each failure, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 20].map((n) => backoffMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});

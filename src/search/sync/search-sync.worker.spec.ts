import { backoffMs, nextBacklogBatch } from './search-sync.worker';

describe('backoffMs', () => {
  it('doubles after each failure, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 20].map((n) => backoffMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});

describe('nextBacklogBatch', () => {
  const options = { backlogTaskTargetMs: 250, backlogMinBatch: 5, batchSize: 100 };

  it('scales the batch toward what Meilisearch applies in the target time', () => {
    expect(nextBacklogBatch(40, 1000, options)).toBe(10);
    expect(nextBacklogBatch(40, 250, options)).toBe(40);
    expect(nextBacklogBatch(20, 200, options)).toBe(25);
  });

  it('never more than doubles, and stays within the smallest and the largest batch', () => {
    expect(nextBacklogBatch(20, 10, options)).toBe(40);
    expect(nextBacklogBatch(20, 0, options)).toBe(40);
    expect(nextBacklogBatch(80, 10, options)).toBe(100);
    expect(nextBacklogBatch(10, 5000, options)).toBe(5);
  });
});

import { within } from './health.service';

describe('within', () => {
  it('is up when the check succeeds in time', async () => {
    await expect(within(() => Promise.resolve(), 1_000)).resolves.toBe('up');
  });

  it('is down when the check fails or throws', async () => {
    await expect(within(() => Promise.reject(new Error('refused')), 1_000)).resolves.toBe('down');
    await expect(
      within(() => {
        throw new Error('sync');
      }, 1_000),
    ).resolves.toBe('down');
  });

  it('is down when the check never answers: the timer decides, not the check', async () => {
    jest.useFakeTimers();
    try {
      const status = within(() => new Promise<void>(() => undefined), 800);
      jest.advanceTimersByTime(800);
      await expect(status).resolves.toBe('down');
    } finally {
      jest.useRealTimers();
    }
  });
});

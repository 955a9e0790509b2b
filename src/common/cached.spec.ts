import { Cached } from './cached';

describe('Cached', () => {
  it('loads once within the time to live, shared by concurrent callers', async () => {
    let loads = 0;
    const cached = new Cached(() => Promise.resolve(++loads), 60_000);
    expect(await Promise.all([cached.get(), cached.get()])).toEqual([1, 1]);
    expect(await cached.get()).toBe(1);
    cached.invalidate();
    expect(await cached.get()).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let calls = 0;
    const cached = new Cached(
      () => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve('up')),
      60_000,
    );
    await expect(cached.get()).rejects.toThrow('down');
    expect(await cached.get()).toBe('up');
  });
});

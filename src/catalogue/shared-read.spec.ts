import { SharedRead } from './shared-read';

/** A read whose start is recorded and whose end the test decides. */
function controlledReads() {
  const started: { n: number; resolve(v: number): void; reject(e: Error): void }[] = [];
  const read = new SharedRead<number>(
    () =>
      new Promise<number>((resolve, reject) => {
        started.push({ n: started.length + 1, resolve, reject });
      }),
  );
  return { read, started };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SharedRead', () => {
  it('starts a read for the first caller at once', async () => {
    const { read, started } = controlledReads();
    const a = read.join();
    expect(started).toHaveLength(1);
    started[0].resolve(10);
    await expect(a).resolves.toBe(10);
  });

  it('never gives a caller a read that was running when it called: it joins the next one', async () => {
    const { read, started } = controlledReads();
    const first = read.join();
    const second = read.join();
    const third = read.join();
    // the first read runs; the later callers wait for one queued behind it, not started yet
    expect(started).toHaveLength(1);
    started[0].resolve(1);
    await expect(first).resolves.toBe(1);
    await tick();
    expect(started).toHaveLength(2);
    // a caller arriving while the queued read runs waits for a third
    const fourth = read.join();
    started[1].resolve(2);
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);
    await tick();
    expect(started).toHaveLength(3);
    started[2].resolve(3);
    await expect(fourth).resolves.toBe(3);
  });

  it('runs one read at a time however many callers come', async () => {
    const { read, started } = controlledReads();
    const calls = Array.from({ length: 20 }, () => read.join());
    await tick();
    expect(started).toHaveLength(1);
    started[0].resolve(1);
    await tick();
    expect(started).toHaveLength(2);
    started[1].resolve(2);
    expect(await Promise.all(calls)).toEqual([1, ...Array<number>(19).fill(2)]);
  });

  it('fails only the callers of a failed read; the queued read still runs', async () => {
    const { read, started } = controlledReads();
    const first = read.join();
    const second = read.join();
    started[0].reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await tick();
    expect(started).toHaveLength(2);
    started[1].resolve(7);
    await expect(second).resolves.toBe(7);
    // idle again: the next caller starts a read at once
    const third = read.join();
    expect(started).toHaveLength(3);
    started[2].resolve(8);
    await expect(third).resolves.toBe(8);
  });
});

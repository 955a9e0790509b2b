/**
 * One read shared by every caller that may use it: a caller gets a read that started at or after
 * its call, never one already running when it called (that read may have begun before a write
 * the caller has seen complete). So at most one read runs at a time; callers arriving while it
 * runs join the single read queued behind it, which starts once it ends (whether it succeeded or
 * failed) and serves all of them. A failed read fails only its own callers.
 */
export class SharedRead<T> {
  private running: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  /** The result of a read that starts now, or after the running one (joined by later callers). */
  join(): Promise<T> {
    if (this.queued) {
      return this.queued;
    }
    const running = this.running;
    if (!running) {
      return this.start();
    }
    const queued = running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    this.queued = queued;
    return queued;
  }

  private start(): Promise<T> {
    const running = this.read();
    this.running = running;
    const done = (): void => {
      if (this.running === running) {
        this.running = null;
      }
    };
    running.then(done, done);
    return running;
  }
}

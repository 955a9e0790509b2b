/**
 * A value loaded on first use and kept for `ttlMs`; a failed load is not kept, so the next call
 * tries again. Concurrent callers share one load.
 */
export class Cached<T> {
  private entry: { at: number; value: Promise<T> } | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    const now = Date.now();
    if (!this.entry || now - this.entry.at > this.ttlMs) {
      const value = this.load();
      const entry = { at: now, value };
      this.entry = entry;
      value.catch(() => {
        if (this.entry === entry) {
          this.entry = null;
        }
      });
    }
    return this.entry.value;
  }

  invalidate(): void {
    this.entry = null;
  }
}

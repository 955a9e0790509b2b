/**
 * Captures everything the process writes to stdout/stderr and the console while it is on (and
 * still lets it through), so a test can assert that secrets never reach the log.
 */
export class LogCapture {
  private readonly lines: string[] = [];
  private restore: (() => void)[] = [];

  start(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      const spy = jest
        .spyOn(stream, 'write')
        .mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
          this.lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
          return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
        });
      this.restore.push(() => spy.mockRestore());
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        this.lines.push(args.map(String).join(' '));
      });
      this.restore.push(() => spy.mockRestore());
    }
  }

  stop(): void {
    this.restore.forEach((r) => r());
    this.restore = [];
  }

  /** Everything captured so far, as one text. */
  text(): string {
    return this.lines.join('');
  }
}

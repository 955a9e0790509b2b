import 'reflect-metadata';
import { resolve } from 'node:path';
import { exportHsds, ExportKind } from '../hsds/hsds-export';
import { HsdsModule } from '../hsds/hsds.module';
import { HsdsService } from '../hsds/hsds.service';
import { SearchOutboxModule } from '../search/sync/search-outbox';
import { CliCommand, progress, runCli } from './cli-support';

/** The value after `--name` (or `--name=value`), or null. */
export function option(args: readonly string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) {
    const v = args[i + 1];
    return v && !v.startsWith('--') ? v : null;
  }
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : null;
}

/**
 * `npm run hsds:export -- --out <dir>`: every document of the /hsds API as files, each kind as
 * NDJSON and as a JSON list (see docs/hsds.md), with a progress bar (a line per chunk in CI).
 */
export const hsdsExportCommand: CliCommand = {
  name: 'hsds:export',
  imports: () => [SearchOutboxModule, HsdsModule],
  task: async (context, _config, log) => {
    const out = option(process.argv.slice(2), 'out');
    if (!out) {
      throw new Error('say where to write: --out <dir>');
    }
    const dir = resolve(out);
    const bars = new Map<ExportKind, { bar: ReturnType<typeof progress>; done: number }>();
    const counts = await exportHsds(context.get(HsdsService), dir, (kind, done, total) => {
      let entry = bars.get(kind);
      if (!entry) {
        entry = { bar: progress(`hsds:export ${kind}`, total, log), done: 0 };
        bars.set(kind, entry);
      }
      entry.bar.tick(done - entry.done);
      entry.done = done;
      if (done >= total) {
        entry.bar.end();
      }
    });
    const summary = Object.entries(counts)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    log(`hsds:export: ${summary} written to ${dir}`);
  },
};

if (require.main === module) {
  void runCli(hsdsExportCommand);
}

import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parseListQuery } from './hsds-query';
import { HsdsList, HsdsService } from './hsds.service';

/** Documents mapped and written at a time. */
const CHUNK = 500;

/** What the export writes: each kind as the API's `format=ndjson` and as one JSON list. */
export const EXPORT_KINDS = [
  'services',
  'organizations',
  'service_at_locations',
  'taxonomies',
  'taxonomy_terms',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export type ExportProgress = (kind: ExportKind, done: number, total: number) => void;

/** The whole documents of a kind, as the API answers `?full=true&format=ndjson`. */
async function listOf(hsds: HsdsService, kind: ExportKind): Promise<HsdsList<unknown>> {
  const q = parseListQuery({ full: 'true', format: 'ndjson' });
  switch (kind) {
    case 'services':
      return hsds.services(q);
    case 'organizations':
      return hsds.organizations({ ...q, full: false });
    case 'service_at_locations':
      return hsds.serviceAtLocations(q);
    case 'taxonomies':
      return hsds.taxonomies(q);
    case 'taxonomy_terms':
      return hsds.taxonomyTerms(q);
  }
}

/**
 * Writes every document of the HSDS API into `dir`: `<kind>.ndjson` and `<kind>.json` for each
 * kind, from one catalogue snapshot per kind (the same documents the endpoints serve).
 */
export async function exportHsds(
  hsds: HsdsService,
  dir: string,
  progress: ExportProgress,
): Promise<Record<ExportKind, number>> {
  mkdirSync(dir, { recursive: true });
  const counts = {} as Record<ExportKind, number>;
  for (const kind of EXPORT_KINDS) {
    const list = await listOf(hsds, kind);
    const ndjson = await open(join(dir, `${kind}.ndjson`), 'w');
    const json = await open(join(dir, `${kind}.json`), 'w');
    try {
      await json.write('[');
      let written = 0;
      for (let start = 0; start < list.count; start += CHUNK) {
        const docs = (await list.slice(start, start + CHUNK)).map((d) => JSON.stringify(d));
        await ndjson.write(docs.map((d) => `${d}\n`).join(''));
        await json.write(`${written === 0 ? '\n' : ',\n'}${docs.join(',\n')}`);
        written += docs.length;
        progress(kind, written, list.count);
      }
      await json.write(written === 0 ? ']\n' : '\n]\n');
      if (list.count === 0) {
        progress(kind, 0, 0);
      }
      counts[kind] = written;
    } finally {
      await ndjson.close();
      await json.close();
    }
  }
  return counts;
}

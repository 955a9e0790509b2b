import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One record of a file, with where it is (for messages). */
export interface FileRecord {
  where: string;
  doc: unknown;
}

/** A file that cannot be read as HSDS records: the message says which and where. */
export class HsdsFileError extends Error {}

/** The services file of an export folder: NDJSON first, else the JSON list. */
const FOLDER_FILES = ['services.ndjson', 'services.json'];

/**
 * The service records of a file or an export folder: NDJSON (one document a line), a JSON list,
 * one JSON document, or a page of the API (`contents`).
 */
export function readServiceRecords(path: string): FileRecord[] {
  if (!existsSync(path)) {
    throw new HsdsFileError(`${path}: no such file or folder`);
  }
  let file = path;
  if (statSync(path).isDirectory()) {
    const found = FOLDER_FILES.map((f) => join(path, f)).find((f) => existsSync(f));
    if (!found) {
      throw new HsdsFileError(`${path}: holds neither ${FOLDER_FILES.join(' nor ')}`);
    }
    file = found;
  }
  const name = basename(file);
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.ndjson') || file.endsWith('.jsonl')) {
    return text.split('\n').flatMap((line, i) => {
      if (line.trim() === '') {
        return [];
      }
      return [{ where: `${name} line ${i + 1}`, doc: parse(line, `${name} line ${i + 1}`) }];
    });
  }
  const doc = parse(text, name);
  const items = Array.isArray(doc)
    ? (doc as unknown[])
    : typeof doc === 'object' &&
        doc !== null &&
        Array.isArray((doc as { contents?: unknown }).contents)
      ? (doc as { contents: unknown[] }).contents
      : [doc];
  return items.map((d, i) => ({ where: `${name} record ${i + 1}`, doc: d }));
}

function parse(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // the parser's own words (position), never the text around it
    const detail = error instanceof Error ? error.message.replace(/,? ".*$/s, '') : 'invalid';
    throw new HsdsFileError(`${where}: not valid JSON (${detail})`);
  }
}

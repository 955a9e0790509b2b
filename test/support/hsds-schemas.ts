import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HsdsSchemaName, HsdsSchemas } from '../../src/hsds/hsds-schemas';

/**
 * The published HSDS 3.1 schemas (../shared/hsds/schema beside the clone) through ajv in the
 * 2020-12 dialect, and the standard's `Page` (openapi.json components) for list answers.
 */
export const SHARED_SCHEMA_DIR = join(__dirname, '..', '..', '..', 'shared', 'hsds', 'schema');

export function sharedSchemas(): HsdsSchemas {
  if (!existsSync(SHARED_SCHEMA_DIR)) {
    throw new Error(`the HSDS schemas are not at ${SHARED_SCHEMA_DIR}`);
  }
  return new HsdsSchemas(SHARED_SCHEMA_DIR);
}

interface OpenApi {
  components: { schemas: { Page: object } };
}

export function pageValidator(): ValidateFunction {
  const api = JSON.parse(readFileSync(join(SHARED_SCHEMA_DIR, 'openapi.json'), 'utf8')) as OpenApi;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({
    ...api.components.schemas.Page,
    required: [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ],
    properties: {
      ...(api.components.schemas.Page as { properties: object }).properties,
      contents: { type: 'array' },
    },
  });
}

/** Every schema error of a list answer: the page, and each item against the entity schema. */
export function pageErrors(
  schemas: HsdsSchemas,
  page: ValidateFunction,
  name: HsdsSchemaName,
  body: { contents?: unknown[] },
): string[] {
  const own = page(body)
    ? []
    : (page.errors ?? []).map((e) => `page${e.instancePath}: ${e.message}`);
  return [
    ...own,
    ...(body.contents ?? []).flatMap((item, i) =>
      schemas.errors(name, item).map((e) => `contents[${i}].${e}`),
    ),
  ];
}

/** Every key and string value in a document, depth first (for the confidentiality walk). */
export function walk(doc: unknown, visit: (keyOrValue: string) => void): void {
  if (typeof doc === 'string') {
    visit(doc);
  } else if (Array.isArray(doc)) {
    doc.forEach((d) => walk(d, visit));
  } else if (typeof doc === 'object' && doc !== null) {
    for (const [k, v] of Object.entries(doc)) {
      visit(k);
      walk(v, visit);
    }
  }
}

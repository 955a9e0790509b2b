import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';

/** The verbatim HSDS 3.1 schemas that ship with Henvis (standards/hsds, CC BY-SA 4.0). */
export const BUNDLED_SCHEMA_DIR = join(projectRoot(), 'standards', 'hsds', 'schema');

/** An entity schema of the standard, by file name. */
export type HsdsSchemaName =
  | 'service.json'
  | 'organization.json'
  | 'service_at_location.json'
  | 'taxonomy.json'
  | 'taxonomy_term.json';

/**
 * The standard's schemas in ajv's 2020-12 dialect: every entity schema is added under its file
 * name (they refer to each other by bare file name and carry no `$id`); not strict, because
 * they hold keywords of their own (`core`, `constraints`, `example`, ...).
 */
export class HsdsSchemas {
  private readonly ajv: Ajv2020;

  constructor(dir: string = BUNDLED_SCHEMA_DIR) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      if (file !== 'openapi.json') {
        const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as object;
        this.ajv.addSchema({ ...schema, $id: file });
      }
    }
  }

  validator(name: HsdsSchemaName): ValidateFunction {
    const validate = this.ajv.getSchema(name);
    if (!validate) {
      throw new Error(`no HSDS schema ${name}`);
    }
    return validate;
  }

  /** The schema errors of a document, each as `path: message` (none: valid). */
  errors(name: HsdsSchemaName, doc: unknown): string[] {
    const validate = this.validator(name);
    return validate(doc) ? [] : (validate.errors ?? []).map(describe);
  }
}

function describe(e: ErrorObject): string {
  const path = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(record)';
  return `${path}: ${e.message ?? 'is not valid'}`;
}

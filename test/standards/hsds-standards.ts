/**
 * `npm run test:standards`: the HSDS API and export checked by the standard's own tools, which
 * nobody here wrote: check-jsonschema over every exported document and schemathesis against the
 * live /hsds endpoints. Starts the API on a throwaway Neo4j with the seed (reference data and
 * demonstration listings), never on a developer's database. The tools come from
 * .venv-standards (created by .ci/run from standards/requirements.txt, pinned).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { readDemo, seedReference, writeListings } from '../../seed/loader';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { exportHsds, EXPORT_KINDS } from '../../src/hsds/hsds-export';
import { HsdsService } from '../../src/hsds/hsds.service';
import { migrate } from '../../src/neo4j/migrations';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { freePort } from '../support/env';

interface ThrowawayGraph {
  uri: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, '.venv-standards', 'bin');
const SCHEMAS = join(ROOT, '..', 'shared', 'hsds', 'schema');

/** The entity schema each exported kind is checked against. */
const SCHEMA_OF: Record<(typeof EXPORT_KINDS)[number], string> = {
  services: 'service.json',
  organizations: 'organization.json',
  service_at_locations: 'service_at_location.json',
  taxonomies: 'taxonomy.json',
  taxonomy_terms: 'taxonomy_term.json',
};

const say = (line: string): void => console.log(`test:standards: ${line}`);

function fail(line: string): never {
  console.error(`test:standards: ${line}`);
  process.exit(1);
}

/**
 * Runs a tool to its end without blocking this process: the API under test answers from this
 * same process while the tool calls it.
 */
async function tool(name: string, args: string[], cwd: string): Promise<void> {
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(join(BIN, name), args, { cwd, stdio: 'inherit' });
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (status, signal) => resolve(status ?? signal ?? 'unknown'));
  });
  if (code !== 0) {
    // thrown, not exited: the finally below stops the API and the throwaway Neo4j
    throw new Error(`${name} failed (exit ${code})`);
  }
}

/**
 * The standard's API file with its remote `$ref`s pointed at the local schema files. The
 * `compiled/` entity files that are not published in this copy are the entity schemas with
 * every reference inlined, so the plain entity file stands in for each. The published file
 * points `/service_at_locations/{id}` at the service schema; it answers a service_at_location
 * (corrected upstream in 3.1.2), so that reference points at service_at_location.json.
 */
export function localOpenApi(text: string, schemaDir: string): string {
  const api = JSON.parse(
    text.replace(
      /"https?:\/\/[^"]*\/schema\/(compiled\/)?([a-z_]+\.json)"/g,
      (_m, compiled: string | undefined, file: string) =>
        JSON.stringify(
          `file://${schemaDir}/${compiled && existsSync(join(schemaDir, 'compiled', file)) ? `compiled/${file}` : file}`,
        ),
    ),
  ) as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
  const sal = api.paths['/service_at_locations/{id}']?.get?.responses['200'];
  const patched = JSON.stringify(sal).replace(/service\.json/, 'service_at_location.json');
  if (api.paths['/service_at_locations/{id}']?.get) {
    api.paths['/service_at_locations/{id}'].get.responses['200'] = JSON.parse(patched) as unknown;
  }
  return JSON.stringify(api, null, 2);
}

async function main(): Promise<void> {
  for (const name of ['check-jsonschema', 'schemathesis']) {
    if (!existsSync(join(BIN, name))) {
      fail(
        `${join(BIN, name)} is missing: create the virtualenv with \`bash .ci/run\`, or \`python3 -m venv .venv-standards && .venv-standards/bin/pip install -r standards/requirements.txt\``,
      );
    }
  }
  if (!existsSync(join(SCHEMAS, 'service.json'))) {
    fail(`the HSDS schemas are not at ${SCHEMAS}`);
  }
  const work = mkdtempSync(join(tmpdir(), 'henvis-standards-'));
  let graph: ThrowawayGraph | undefined;
  let app: INestApplication | undefined;
  try {
    delete process.env.NEO4J_URI;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scripts = require('../../scripts/graph.js') as {
      startThrowawayGraph(): Promise<ThrowawayGraph>;
    };
    graph = await scripts.startThrowawayGraph();
    Object.assign(process.env, {
      NEO4J_URI: graph.uri,
      NEO4J_USERNAME: graph.username,
      NEO4J_PASSWORD: graph.password,
      SEARCH_ENGINE: 'neo4j',
      LOG_LEVEL: 'error',
    });
    say(`throwaway Neo4j at ${graph.uri}`);
    const neo = new Neo4jService(loadConfig());
    try {
      await migrate(neo);
      await seedReference(neo);
      await writeListings(neo, readDemo());
    } finally {
      await neo.onApplicationShutdown();
    }
    app = await createApp(loadConfig());
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}/hsds`;
    say(`API at ${base}, seeded`);

    const out = join(work, 'export');
    await exportHsds(app.get(HsdsService), out, () => undefined);
    for (const kind of EXPORT_KINDS) {
      const docs = readFileSync(join(out, `${kind}.ndjson`), 'utf8')
        .split('\n')
        .filter(Boolean);
      const folder = join(work, 'documents', kind);
      mkdirSync(folder, { recursive: true });
      const files = docs.map((doc, i) => {
        const file = join(folder, `${String(i + 1).padStart(5, '0')}.json`);
        writeFileSync(file, doc);
        return file;
      });
      if (files.length === 0) {
        throw new Error(`the export holds no ${kind}`);
      }
      say(`check-jsonschema: ${files.length} ${kind} against ${SCHEMA_OF[kind]}`);
      await tool(
        'check-jsonschema',
        ['--schemafile', join(SCHEMAS, SCHEMA_OF[kind]), ...files],
        work,
      );
    }

    const schemaDir = join(work, 'schema');
    cpSync(SCHEMAS, schemaDir, { recursive: true });
    const openapi = join(work, 'openapi.json');
    writeFileSync(
      openapi,
      localOpenApi(readFileSync(join(SCHEMAS, 'openapi.json'), 'utf8'), schemaDir),
    );
    say(`schemathesis against ${base}`);
    await tool(
      'schemathesis',
      [
        'run',
        openapi,
        '--url',
        base,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--mode',
        'positive',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        process.env.STANDARDS_MAX_EXAMPLES ?? '30',
        '--seed',
        '20261208',
        '--workers',
        '1',
        '--generation-database',
        'none',
        '--no-color',
        '--request-timeout',
        '30',
      ],
      work,
    );
    say('passed: every exported document and every /hsds answer follows HSDS 3.1');
  } finally {
    await app?.close();
    await graph?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
}

import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CONTENT_SECURITY_POLICY, corsOptions, serveWebPage } from './web-page';

@Controller('api')
class PingController {
  @Get('ping')
  ping(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

const SCRIPT = `console.log(${JSON.stringify('henvis '.repeat(200))});`;

describe('serveWebPage', () => {
  let dir: string;
  const apps: INestApplication[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'henvis-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(dir, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'plain-def456.css'), 'body{}');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function app(production: boolean, origins: string[] = []) {
    const nest = await NestFactory.create<NestExpressApplication>(PingModule, {
      logger: false,
      cors: corsOptions(origins),
    });
    serveWebPage(nest, dir, production);
    await nest.init();
    apps.push(nest);
    return request(nest.getHttpServer());
  }

  it('serves the page at / with the policy, and leaves the API alone', async () => {
    const http = await app(false);
    const page = await http.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>page</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await http.get('/api/ping')).body).toEqual({ ok: true });
  });

  it("answers the page's own addresses with index.html, and nothing else", async () => {
    const http = await app(true);
    for (const path of ['/svar', '/soeg?q=krisecenter', '/partner', '/tilbud/abc-1', '/soeg/']) {
      const res = await http.get(path);
      expect([path, res.status, res.text]).toEqual([
        path,
        200,
        '<!doctype html><title>page</title>',
      ]);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    for (const path of [
      '/tilbud',
      '/tilbud/a/b',
      '/other',
      '/assets/missing.js',
      '/assets/../index.html.br',
    ]) {
      expect([path, (await http.get(path)).status]).toEqual([path, 404]);
    }
  });

  it('sends the brotli or gzip copy the client accepts, cached for good by its hashed name', async () => {
    const http = await app(true);
    const path = '/assets/index-abc123.js';
    const raw = (res: request.Response) => res.body as Buffer;
    const buffer = (req: request.Test) =>
      req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const br = await buffer(http.get(path).set('accept-encoding', 'gzip, br'));
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The client decodes the body; the length on the wire is the compressed copy's.
    expect(br.headers['content-length']).toBe(String(brotliCompressSync(SCRIPT).length));
    expect(raw(br).toString()).toBe(SCRIPT);
    const gz = await buffer(http.get(path).set('accept-encoding', 'gzip'));
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-length']).toBe(String(gzipSync(SCRIPT).length));
    expect(raw(gz).toString()).toBe(SCRIPT);
    const plain = await buffer(http.get(path).set('accept-encoding', 'identity'));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(SCRIPT.length));
    expect(raw(plain).toString()).toBe(SCRIPT);
    // A file the build did not compress is sent as it is.
    const css = await http.get('/assets/plain-def456.css').set('accept-encoding', 'br');
    expect([css.status, css.headers['content-encoding'], css.text]).toEqual([
      200,
      undefined,
      'body{}',
    ]);
  });

  it('offers GraphiQL at GET /graphql to a browser in development only', async () => {
    const dev = await app(false);
    const ide = await dev.get('/graphql').set('accept', 'text/html,application/xhtml+xml,*/*');
    expect(ide.text).toContain('<title>graphiql</title>');
    expect(ide.headers['content-security-policy']).toContain("font-src 'self' data:");
    // An API client asking for JSON is not given the page.
    const json = await dev.get('/graphql').set('accept', 'application/json');
    expect(json.text).not.toContain('graphiql');

    const prod = await app(true);
    const none = await prod.get('/graphql').set('accept', 'text/html');
    expect(none.text).not.toContain('graphiql');
    expect((await prod.get('/graphiql.html')).status).toBe(404);
    expect((await prod.get('/')).text).toContain('<title>page</title>');
  });

  it('sends CORS headers only for the configured origins', async () => {
    expect(corsOptions([])).toBe(false);
    const open = await app(false, ['https://intra.example.dk']);
    const allowed = await open.get('/api/ping').set('origin', 'https://intra.example.dk');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://intra.example.dk');
    const other = await open.get('/api/ping').set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const closed = await app(false);
    const none = await closed.get('/api/ping').set('origin', 'https://intra.example.dk');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
  });
});

import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('serveWebPage', () => {
  let dir: string;
  const apps: INestApplication[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'henvis-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(dir, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
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

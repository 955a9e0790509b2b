import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { projectRoot } from '../common/project-root';

/** Where `npm run build:web` writes the page (never committed). */
export const WEB_DIST = join(projectRoot(), 'web', 'dist');

/**
 * Everything the page loads comes from this server: no external script, font or CDN, and no
 * framing. `connect-src 'self'` keeps the referral input from being sent anywhere but /graphql.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** GraphiQL's stylesheet embeds its fonts as data: URLs; still nothing from another host. */
const GRAPHIQL_POLICY = CONTENT_SECURITY_POLICY.replace("font-src 'self'", "font-src 'self' data:");

function pageHeaders(res: Response, policy: string = CONTENT_SECURITY_POLICY): void {
  res.setHeader('Content-Security-Policy', policy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');
}

/**
 * The page's own addresses (web/src/routes.ts): each answers with index.html, so a reload or a
 * shared link opens that view. Anything else unknown stays a 404.
 */
export const PAGE_ROUTES = /^\/(svar|soeg|partner|tilbud\/[^/]{1,100})\/?$/;

/** Hashed asset names change with their content; index.html must always be asked again. */
function cacheControl(path: string): string {
  return path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
}

/** URL path → file, for every file of the build (the compressed copies beside their file). */
function builtFiles(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        found.set(`/${relative(dir, path).split(sep).join('/')}`, path);
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * Sends a built file, as its brotli or gzip copy when the build made one and the client accepts
 * it (`Vary: Accept-Encoding` either way, so a cache keeps them apart). Only files the build
 * wrote are served: the URL is looked up, never joined onto a path.
 */
function staticFiles(dir: string) {
  const built = builtFiles(dir);
  const index = join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const path = req.path === '/' || PAGE_ROUTES.test(req.path) ? '/index.html' : req.path;
    const file = path === '/index.html' ? index : built.get(path);
    if (!file || /\.(br|gz)$/.test(path)) {
      next();
      return;
    }
    pageHeaders(res);
    res.setHeader('Cache-Control', cacheControl(file));
    const compressed = built.has(`${path}.br`) || built.has(`${path}.gz`);
    if (compressed) {
      res.setHeader('Vary', 'Accept-Encoding');
    }
    // Brotli when the client takes it (smaller), else gzip, whatever order the header lists them.
    const encoding = !compressed
      ? undefined
      : (['br', 'gzip'] as const).find(
          (e) => built.has(`${path}.${e === 'br' ? 'br' : 'gz'}`) && req.acceptsEncodings(e) === e,
        );
    const copy =
      encoding === 'br'
        ? built.get(`${path}.br`)
        : encoding === 'gzip'
          ? built.get(`${path}.gz`)
          : undefined;
    if (copy && encoding) {
      res.setHeader('Content-Encoding', encoding);
      res.type(extname(file));
    }
    res.sendFile(
      copy ?? file,
      { dotfiles: 'deny', lastModified: false, acceptRanges: !copy },
      (error) => {
        if (error) {
          next(error);
        }
      },
    );
  };
}

/**
 * Serves the built web page at `/` (its index.html, its own addresses and the hashed assets)
 * from the API's own process; /graphql and /health stay with Nest. Without a build it says how
 * to make one.
 */
export function serveWebPage(
  app: NestExpressApplication,
  dir: string = WEB_DIST,
  production = false,
): boolean {
  if (!existsSync(join(dir, 'index.html'))) {
    new Logger('Web').log('the web page is not built (npm run build:web); serving the API only');
    return false;
  }
  app.use(graphiql(join(dir, GRAPHIQL_PAGE), production));
  app.use(staticFiles(dir));
  return true;
}

const GRAPHIQL_PAGE = 'graphiql.html';

/**
 * In development a browser opening /graphql gets GraphiQL (built from npm packages into web/dist,
 * so it works offline); API clients (JSON, POST) are untouched. In production it is not served.
 */
function graphiql(page: string, production: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === `/${GRAPHIQL_PAGE}` && production) {
      res.status(404).end();
      return;
    }
    const wantsPage =
      req.method === 'GET' &&
      req.path === '/graphql' &&
      req.accepts(['application/json', 'text/html']) === 'text/html';
    if (wantsPage && !production && existsSync(page)) {
      pageHeaders(res, GRAPHIQL_POLICY);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(page);
      return;
    }
    next();
  };
}

/** CORS for the configured origins only; none configured: no CORS headers at all. */
export function corsOptions(origins: string[]): CorsOptions | false {
  if (origins.length === 0) {
    return false;
  }
  return {
    origin: origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization'],
    maxAge: 600,
  };
}

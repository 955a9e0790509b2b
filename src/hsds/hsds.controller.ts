import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { HsdsListQuery, HsdsQueryError, pageOf, parseListQuery } from './hsds-query';
import { HsdsList, HsdsService } from './hsds.service';

/** Lines an NDJSON answer writes at a time (the documents are mapped per chunk). */
const NDJSON_CHUNK = 500;

/** The profile (docs/hsds.md) and the standard's OpenAPI file (a verbatim copy in standards/). */
const PROFILE_FILE = join(projectRoot(), 'docs', 'hsds.md');
const OPENAPI_FILE = join(projectRoot(), 'standards', 'hsds', 'schema', 'openapi.json');

/** This server's address as the client reached it (for the root's absolute URLs). */
function baseUrl(req: Request): string {
  const host = req.get('host') ?? '';
  const candidate = `${req.protocol}://${host}`;
  try {
    return /^[\w.-]+(:\d+)?$/.test(host) ? new URL(candidate).origin : 'http://localhost';
  } catch {
    return 'http://localhost';
  }
}

function badRequest(res: Response, error: unknown): void {
  if (error instanceof HsdsQueryError) {
    res.status(400).json({ statusCode: 400, message: error.message });
    return;
  }
  throw error;
}

const notFound = (res: Response, what: string): void => {
  res.status(404).json({ statusCode: 404, message: `There is no ${what} with this id.` });
};

function queryOf(req: Request): HsdsListQuery {
  return parseListQuery(req.query);
}

/** A list as the standard pages it, or every item as NDJSON (`format=ndjson`). */
async function sendList<U>(res: Response, q: HsdsListQuery, list: HsdsList<U>): Promise<void> {
  if (q.ndjson) {
    res.status(200).type('application/x-ndjson');
    for (let start = 0; start < list.count; start += NDJSON_CHUNK) {
      const docs = await list.slice(start, start + NDJSON_CHUNK);
      res.write(docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
    }
    res.end();
    return;
  }
  const start = (q.page - 1) * q.perPage;
  const docs = await list.slice(start, start + q.perPage);
  const page = pageOf(new Array<undefined>(list.count), q, () => undefined);
  res.status(200).json({ ...page, contents: docs });
}

async function answer(res: Response, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    badRequest(res, error);
  }
}

/**
 * Open Referral HSDS 3.1, read-only and public, under /hsds: the root, services (the standard's
 * required endpoints), organisations, taxonomies, taxonomy terms and services at locations, with
 * the standard's paging and filters. Lists answer POST as GET (the standard's API file has both).
 */
@Controller('hsds')
export class HsdsController {
  constructor(private readonly hsds: HsdsService) {}

  @Get()
  root(@Req() req: Request, @Res() res: Response): void {
    res.status(200).json(this.hsds.root(baseUrl(req)));
  }

  @Get('profile')
  profile(@Res() res: Response): void {
    sendFile(res, PROFILE_FILE, 'text/markdown; charset=utf-8');
  }

  @Get('openapi.json')
  openapi(@Res() res: Response): void {
    sendFile(res, OPENAPI_FILE, 'application/json');
  }

  @Post('services')
  servicesPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.services(req, res);
  }

  @Get('services')
  services(@Req() req: Request, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const q = queryOf(req);
      await sendList(res, q, await this.hsds.services(q));
    });
  }

  @Get('services/:id')
  service(@Param('id') id: string, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const doc = await this.hsds.service(id);
      return doc ? void res.status(200).json(doc) : notFound(res, 'service');
    });
  }

  @Post('organizations')
  organizationsPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.organizations(req, res);
  }

  @Get('organizations')
  organizations(@Req() req: Request, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const q = queryOf(req);
      await sendList(res, q, await this.hsds.organizations(q));
    });
  }

  @Get('organizations/:id')
  organization(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const q = queryOf(req);
      const doc = await this.hsds.organization(id, q.fullService);
      return doc ? void res.status(200).json(doc) : notFound(res, 'organization');
    });
  }

  @Post('taxonomies')
  taxonomiesPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.taxonomies(req, res);
  }

  @Get('taxonomies')
  taxonomies(@Req() req: Request, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const q = queryOf(req);
      await sendList(res, q, this.hsds.taxonomies(q));
    });
  }

  @Get('taxonomies/:id')
  taxonomy(@Param('id') id: string, @Res() res: Response): void {
    const doc = this.hsds.taxonomyById(id);
    return doc ? void res.status(200).json(doc) : notFound(res, 'taxonomy');
  }

  @Post('taxonomy_terms')
  taxonomyTermsPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.taxonomyTerms(req, res);
  }

  @Get('taxonomy_terms')
  taxonomyTerms(@Req() req: Request, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const q = queryOf(req);
      await sendList(res, q, await this.hsds.taxonomyTerms(q));
    });
  }

  @Get('taxonomy_terms/:id')
  taxonomyTerm(@Param('id') id: string, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const doc = await this.hsds.taxonomyTerm(id);
      return doc ? void res.status(200).json(doc) : notFound(res, 'taxonomy term');
    });
  }

  @Post('service_at_locations')
  serviceAtLocationsPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.serviceAtLocations(req, res);
  }

  @Get('service_at_locations')
  serviceAtLocations(@Req() req: Request, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const q = queryOf(req);
      await sendList(res, q, await this.hsds.serviceAtLocations(q));
    });
  }

  @Get('service_at_locations/:id')
  serviceAtLocation(@Param('id') id: string, @Res() res: Response): Promise<void> {
    return answer(res, async () => {
      const doc = await this.hsds.serviceAtLocation(id);
      return doc ? void res.status(200).json(doc) : notFound(res, 'service at location');
    });
  }
}

function sendFile(res: Response, file: string, type: string): void {
  if (!existsSync(file)) {
    res.status(404).json({ statusCode: 404, message: 'Not available on this server.' });
    return;
  }
  res.status(200).type(type);
  createReadStream(file).pipe(res);
}

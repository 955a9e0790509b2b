import { Injectable } from '@nestjs/common';
import { Cached } from '../common/cached';
import { Taxonomy } from './taxonomy';
import { TaxonomyRepository } from './taxonomy.repository';

/**
 * The taxonomy changes only through seed or migration, so it is read once and kept briefly; a
 * request therefore never costs a query per group or need.
 */
@Injectable()
export class TaxonomyService {
  private readonly cached: Cached<Taxonomy>;

  constructor(repo: TaxonomyRepository) {
    this.cached = new Cached(async () => new Taxonomy(await repo.findAll()), 30_000);
  }

  get(): Promise<Taxonomy> {
    return this.cached.get();
  }

  invalidate(): void {
    this.cached.invalidate();
  }
}

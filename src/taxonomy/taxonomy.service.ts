import { Injectable } from '@nestjs/common';
import { Taxonomy } from './taxonomy';
import { TaxonomyRepository } from './taxonomy.repository';

const TTL_MS = 30_000;

/**
 * The taxonomy changes only through seed or migration, so it is read once and kept briefly; a
 * request therefore never costs a query per group or need.
 */
@Injectable()
export class TaxonomyService {
  private cached: { at: number; value: Promise<Taxonomy> } | null = null;

  constructor(private readonly repo: TaxonomyRepository) {}

  get(): Promise<Taxonomy> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > TTL_MS) {
      const value = this.repo.findAll().then((rows) => new Taxonomy(rows));
      this.cached = { at: now, value };
      value.catch(() => {
        this.cached = null;
      });
    }
    return this.cached.value;
  }

  invalidate(): void {
    this.cached = null;
  }
}

import { Injectable } from '@nestjs/common';
import { Cached } from '../common/cached';
import { Geography } from './geography';
import { GeographyRepository } from './geography.repository';

/** Regions and municipalities change by law, not by request: read once and kept briefly. */
@Injectable()
export class GeographyService {
  private readonly cached: Cached<Geography>;

  constructor(repo: GeographyRepository) {
    this.cached = new Cached(async () => {
      const g = await repo.findAll();
      return new Geography(g.regions, g.municipalities);
    }, 60_000);
  }

  get(): Promise<Geography> {
    return this.cached.get();
  }

  invalidate(): void {
    this.cached.invalidate();
  }
}

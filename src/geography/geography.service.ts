import { Injectable } from '@nestjs/common';
import { Geography } from './geography';
import { GeographyRepository } from './geography.repository';

const TTL_MS = 60_000;

@Injectable()
export class GeographyService {
  private cached: { at: number; value: Promise<Geography> } | null = null;

  constructor(private readonly repo: GeographyRepository) {}

  get(): Promise<Geography> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > TTL_MS) {
      const value = this.repo.findAll().then((g) => new Geography(g.regions, g.municipalities));
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

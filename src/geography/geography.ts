import { AppError } from '../common/app-error';
import { Municipality, Region } from './models/geography.models';

const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

/** Regions and municipalities held in memory (they change by law, not by request). */
export class Geography {
  readonly regions: Region[];
  readonly municipalities: Municipality[];
  private readonly regionByCode: Map<string, Region>;
  private readonly municipalityByCode: Map<string, Municipality>;

  constructor(regions: Region[], municipalities: Municipality[]) {
    this.regions = [...regions].sort(byCode);
    this.municipalities = [...municipalities].sort(byCode);
    this.regionByCode = new Map(regions.map((r) => [r.code, r]));
    this.municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
  }

  region(code: string): Region | null {
    return this.regionByCode.get(code) ?? null;
  }

  municipality(code: string): Municipality | null {
    return this.municipalityByCode.get(code) ?? null;
  }

  municipalitiesIn(regionCode: string): Municipality[] {
    return this.municipalities.filter((m) => m.regionCode === regionCode);
  }

  assertRegion(code: string | undefined | null, argument: string): void {
    if (code !== undefined && code !== null && !this.regionByCode.has(code)) {
      throw AppError.badInput(`Unknown region code in ${argument}`, { argument });
    }
  }

  assertMunicipality(code: string | undefined | null, argument: string): void {
    if (code !== undefined && code !== null && !this.municipalityByCode.has(code)) {
      throw AppError.badInput(`Unknown municipality code in ${argument}`, { argument });
    }
  }
}

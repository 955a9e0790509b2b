import { CodeMask, codeMask, needMaskOf, overlaps } from '../catalogue/catalogue-snapshot';
import { RankingRow } from '../catalogue/service-row';
import { Geography } from '../geography/geography';
import { CODES, RankingContext, ReferralCriteria, ReferralPlace } from './criteria';
import { excluded } from './eligibility';
import { GroupExpansion } from './groups';
import { Availability, CoverageMatch } from './models/referral.model';
import { stayNeeds } from './needs';
import { RankKeys, rankKey } from './order';
import { availabilityOf, distanceOf, keptAway } from './place';

/** Codes of needs a request's table holds at most (one bit each in a 32-bit number). */
export const MAX_CODES = 30;
/** The bit of a `Table` code that makes a service a stay. */
const STAY = 1 << 30;

/** A row as one request sees it whatever needs are asked about (see `Table`), with its keys. */
export interface Fact extends RankKeys {
  /** The table's needs (by their bits) the row meets, fully or partly. */
  bits: number;
  inArea: boolean;
  availability: Availability;
  coverage: CoverageMatch;
  speaks: boolean;
  /** Offers a stay; is for after a rape (see `Evaluated`). */
  stay: boolean;
  rape: boolean;
}

/** The number of bits set. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** What the rules read of a row whatever the request: its codes as masks, where it is. */
interface RowInfo {
  geography: Geography;
  groups: CodeMask;
  /** The bits (see `codeMask`) of its need codes. */
  needBits: readonly number[];
  /** The municipality it is located in and those it covers. */
  municipalities: readonly string[];
  /** The regions it covers and those of its municipalities. */
  regions: readonly string[];
}

const ROW_INFO = new WeakMap<RankingRow, RowInfo>();

/** The bits set in a mask, in order. */
function bitsOf(mask: CodeMask): number[] {
  const out: number[] = [];
  mask.forEach((word, w) => {
    for (let b = 0; b < 32; b++) {
      if ((word & (1 << b)) !== 0) {
        out.push(w * 32 + b);
      }
    }
  });
  return out;
}

/** A row's `RowInfo`, kept with the row (a cached row never changes; only a new one replaces it). */
function infoOf(row: RankingRow, geography: Geography): RowInfo {
  let info = ROW_INFO.get(row);
  if (!info || info.geography !== geography) {
    const municipalities = [
      ...(row.municipalityCode ? [row.municipalityCode] : []),
      ...row.coverage.municipalityCodes,
    ];
    const regions = new Set(row.coverage.regionCodes);
    for (const code of municipalities) {
      const region = geography.municipality(code)?.regionCode;
      if (region !== undefined) {
        regions.add(region);
      }
    }
    info = {
      geography,
      groups: codeMask(row.targetGroupCodes),
      needBits: bitsOf(needMaskOf(row)),
      municipalities,
      regions: [...regions],
    };
    ROW_INFO.set(row, info);
  }
  return info;
}

/** `coverageOf`, read from the row's info. */
function coverageFrom(info: RowInfo, row: RankingRow, place: ReferralPlace | null): CoverageMatch {
  if (place) {
    if (info.municipalities.includes(place.municipality.code)) {
      return CoverageMatch.MUNICIPALITY;
    }
    if (info.regions.includes(place.region.code)) {
      return CoverageMatch.REGION;
    }
  }
  return row.coverage.national ? CoverageMatch.NATIONAL : CoverageMatch.OUTSIDE_AREA;
}

/**
 * One request's view of the rows, as numbers: whether a row takes the person at all (groups and
 * exclusions, as `evaluate` decides them), which of the request's needs and next steps it meets
 * (a bit each), whether it is in the area, and its ranking keys. Lists of needs are then masks,
 * and a row is evaluated whole only when the answer returns it. Lives as long as the request.
 */
export class Table {
  private readonly bits = new Map<string, number>();
  /** Groups through which a row matches some requested group. */
  private readonly matchable: CodeMask;
  /** The other gender, and what makes a row for the person's gender too (see GroupExpansion). */
  private readonly otherGender: CodeMask;
  private readonly sameGender: CodeMask;
  /** Groups through which a row meets only the needs any victim can have, and their bits. */
  private readonly open: CodeMask;
  private readonly openBits: number;
  /** The bits of the table's needs about a place to stay. */
  private readonly stayBits: number;
  private readonly rape: CodeMask;
  /**
   * Per code (by its bit, see `codeMask`): the needs of the table it meets, fully (as itself or
   * a narrower one) or partly (as a broader one), and STAY when it makes a service a stay.
   */
  private readonly byCode: Int32Array;
  private readonly known = new Map<RankingRow, Fact | null>();
  private readonly distances = new Map<string | null, number | null>();
  private readonly lists = new WeakMap<readonly RankingRow[], Fact[]>();

  constructor(
    expansion: GroupExpansion,
    private readonly criteria: ReferralCriteria,
    codes: readonly string[],
    private readonly ctx: RankingContext,
  ) {
    const tax = ctx.taxonomy;
    const byRequested = expansion.byRequested.map((c) => new Set(c));
    this.matchable = codeMask(expansion.codes.filter((c) => byRequested.some((s) => s.has(c))));
    this.otherGender = codeMask(expansion.otherGender);
    this.sameGender = codeMask(expansion.sameGender);
    this.open = codeMask(expansion.open);
    this.rape = codeMask(tax.needs.subtree(CODES.acuteExaminationAfterRape));
    codes.forEach((code, i) => this.bits.set(code, 1 << i));
    const anyVictim = tax.needs.subtree(CODES.anyVictimNeeds);
    const stayCodes = stayNeeds(tax);
    this.openBits = codes.reduce((m, c, i) => (anyVictim.has(c) ? m | (1 << i) : m), 0);
    this.stayBits = codes.reduce((m, c, i) => (stayCodes.has(c) ? m | (1 << i) : m), 0);
    const meeting = codes.map((code) =>
      bitsOf(
        codeMask([...tax.needs.ancestorsAndSelf(code), ...tax.needs.descendantsAndSelf(code)]),
      ),
    );
    const stays = bitsOf(codeMask(stayNeeds(tax)));
    this.byCode = new Int32Array(1 + Math.max(0, ...meeting.flat(), ...stays));
    meeting.forEach((bits, i) => bits.forEach((b) => (this.byCode[b] |= 1 << i)));
    stays.forEach((b) => (this.byCode[b] |= STAY));
  }

  /** The bit of a need code (0 when the table does not hold it). */
  bitOf(code: string): number {
    return this.bits.get(code) ?? 0;
  }

  /** The mask of a list of need codes, or null when the table does not hold one of them. */
  maskOf(codes: readonly string[]): number | null {
    let mask = 0;
    for (const code of codes) {
      const bit = this.bits.get(code);
      if (bit === undefined) {
        return null;
      }
      mask |= bit;
    }
    return mask;
  }

  /** The `rankKey` of a fact counted for the needs of `bits` (see `needKeys`). */
  keyOf(f: Fact, bits: number): number {
    const forStay = (bits & this.stayBits) !== 0;
    const fit = (f.stay && !forStay ? 1 : 0) + (f.rape && !this.criteria.afterRape ? 1 : 0);
    return rankKey(forStay, f.availability, f.coverage, f.speaks, fit);
  }

  /** The facts of the rows that take the person, in the rows' order (kept per list). */
  facts(rows: readonly RankingRow[]): Fact[] {
    let list = this.lists.get(rows);
    if (!list) {
      list = [];
      for (const row of rows) {
        const f = this.fact(row);
        if (f) {
          list.push(f);
        }
      }
      this.lists.set(rows, list);
    }
    return list;
  }

  /** The row's facts, or null when it does not take the person (whatever the needs). */
  fact(row: RankingRow): Fact | null {
    let f = this.known.get(row);
    if (f === undefined) {
      f = this.assess(row);
      this.known.set(row, f);
    }
    return f;
  }

  private assess(row: RankingRow): Fact | null {
    const { criteria, ctx } = this;
    const info = infoOf(row, ctx.geography);
    if (overlaps(info.groups, this.otherGender) && !overlaps(info.groups, this.sameGender)) {
      return null;
    }
    const matches = overlaps(info.groups, this.matchable);
    if (!matches && !overlaps(info.groups, this.open)) {
      return null;
    }
    let bits = 0;
    const byCode = this.byCode;
    for (const b of info.needBits) {
      if (b < byCode.length) {
        bits |= byCode[b];
      }
    }
    const stay = (bits & STAY) !== 0;
    bits &= matches ? ~STAY : this.openBits;
    if ((!matches && bits === 0) || excluded(row, criteria, stay)) {
      return null;
    }
    let distance = this.distances.get(row.municipalityCode);
    if (distance === undefined) {
      distance = distanceOf(row, criteria.place, ctx.geography);
      this.distances.set(row.municipalityCode, distance);
    }
    const coverage = coverageFrom(info, row, criteria.place);
    const availability = availabilityOf(row, ctx.now, ctx.availabilityFreshHours, stay);
    let speaks = false;
    for (const l of criteria.languages) {
      if (row.languages.includes(l)) {
        speaks = true;
        break;
      }
    }
    return {
      row,
      bits,
      inArea: coverage !== CoverageMatch.OUTSIDE_AREA,
      availability,
      coverage,
      speaks,
      stay,
      rape: overlaps(needMaskOf(row), this.rape),
      away: keptAway(row, criteria, ctx),
      km: distance ?? Infinity,
    };
  }
}

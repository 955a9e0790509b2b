import { codeMask, CodeMask, needMaskOf, overlaps } from '../catalogue/catalogue-snapshot';
import { RankingRow } from '../catalogue/service-row';
import { RankingContext, ReferralCriteria } from './criteria';
import { excluded } from './eligibility';
import { Ranked } from './evaluation';
import { GroupExpansion } from './groups';
import { NeedMatch, stayNeeds } from './needs';
import { availabilityOf, coverageOf, distanceOf } from './place';

/** What a row is to one request whatever needs are asked about, with its match for each need. */
export interface Assessed {
  base: Omit<Ranked, 'needs'>;
  /** Its match for each need asked about that it meets (each code once). */
  matches: NeedMatch[];
}

export const matchOf = (a: Assessed, code: string): NeedMatch | undefined => {
  for (const m of a.matches) {
    if (m.code === code) {
      return m;
    }
  }
  return undefined;
};

/**
 * Assesses rows for one request as `evaluate` would, with what the request asks prepared once:
 * the group and need codes as sets, the distance per municipality, the stay needs.
 */
export class Assessor {
  private readonly allowed: Set<string>;
  private readonly byRequested: Set<string>[];
  /** Per need code asked about: met fully through `up`, partly through `down`. */
  private readonly needs: {
    code: string;
    full: NeedMatch;
    up: CodeMask;
    downMask: CodeMask;
    down: Set<string>;
  }[];
  private readonly stays: CodeMask;
  private readonly distances = new Map<string | null, number | null>();

  constructor(
    private readonly expansion: GroupExpansion,
    private readonly criteria: ReferralCriteria,
    codes: readonly string[],
    private readonly ctx: RankingContext,
  ) {
    const tax = ctx.taxonomy;
    this.allowed = new Set(expansion.codes);
    this.byRequested = expansion.requested.map(
      (r) => new Set(tax.targetGroups.expandForMatch([r])),
    );
    this.needs = [...new Set(codes)].map((code) => {
      const down = tax.needs.descendantsAndSelf(code).filter((c) => c !== code);
      return {
        code,
        full: { code, partlyVia: null },
        up: codeMask(tax.needs.ancestorsAndSelf(code)),
        downMask: codeMask(down),
        down: new Set(down),
      };
    });
    this.stays = codeMask(stayNeeds(tax));
  }

  assess(service: RankingRow): Assessed | null {
    const { criteria, ctx } = this;
    const served: string[] = [];
    for (const c of service.targetGroupCodes) {
      if (this.allowed.has(c)) {
        served.push(c);
      }
    }
    if (served.length === 0) {
      return null;
    }
    const groupCodes: string[] = [];
    const requested = this.expansion.requested;
    for (let i = 0; i < requested.length; i++) {
      const within = this.byRequested[i];
      for (const c of served) {
        if (within.has(c)) {
          groupCodes.push(requested[i]);
          break;
        }
      }
    }
    const needMask = needMaskOf(service);
    const stay = overlaps(needMask, this.stays);
    if (groupCodes.length === 0 || excluded(service, criteria, stay)) {
      return null;
    }
    const matches: NeedMatch[] = [];
    for (const need of this.needs) {
      if (overlaps(needMask, need.up)) {
        matches.push(need.full);
      } else if (overlaps(needMask, need.downMask)) {
        const via = service.needCodes.filter((c) => need.down.has(c));
        matches.push({
          code: need.code,
          partlyVia: via.length > 1 ? [...new Set(via)].sort() : via,
        });
      }
    }
    let distance = this.distances.get(service.municipalityCode);
    if (distance === undefined) {
      distance = distanceOf(service, criteria.place, ctx.geography);
      this.distances.set(service.municipalityCode, distance);
    }
    return {
      base: {
        service,
        groupCodes,
        servedVia: served.length > 1 ? [...new Set(served)].sort() : served,
        coverage: coverageOf(service, criteria.place, ctx.geography),
        distanceKm: distance,
        availability: availabilityOf(service, ctx.now, ctx.availabilityFreshHours),
        placesMatter: service.capacity !== null || stay,
        languages:
          criteria.languages.length === 0
            ? []
            : criteria.languages.filter((l) => service.languages.includes(l)),
      },
      matches,
    };
  }
}

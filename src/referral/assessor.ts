import { codeMask, CodeMask, needMaskOf, overlaps } from '../catalogue/catalogue-snapshot';
import { RankingRow } from '../catalogue/service-row';
import { CODES, RankingContext, ReferralCriteria } from './criteria';
import { excluded } from './eligibility';
import { Ranked } from './evaluation';
import { GroupExpansion } from './groups';
import { NeedMatch, stayNeeds } from './needs';
import { availabilityOf, coverageOf, distanceOf, keptAway } from './place';

/** What a row is to one request whatever needs are asked about, with its match for each need. */
export interface Assessed {
  base: Omit<Ranked, 'needs' | 'placesMatter' | 'fit'>;
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
  private readonly otherGender: Set<string>;
  private readonly sameGender: Set<string>;
  private readonly open: Set<string>;
  /** The needs any victim can have: all a service matching only through `open` is for. */
  private readonly anyVictim: ReadonlySet<string>;
  private readonly rape: CodeMask;
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
    this.byRequested = expansion.byRequested.map((codes) => new Set(codes));
    this.otherGender = new Set(expansion.otherGender);
    this.sameGender = new Set(expansion.sameGender);
    this.open = new Set(expansion.open);
    this.anyVictim = tax.needs.subtree(CODES.anyVictimNeeds);
    this.rape = codeMask(tax.needs.subtree(CODES.acuteExaminationAfterRape));
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
    let other = false;
    let same = false;
    let open = false;
    for (const c of service.targetGroupCodes) {
      if (this.allowed.has(c)) {
        served.push(c);
      }
      other ||= this.otherGender.has(c);
      same ||= this.sameGender.has(c);
      open ||= this.open.has(c);
    }
    if ((other && !same) || (served.length === 0 && !open)) {
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
    const onlyOpen = groupCodes.length === 0;
    if ((onlyOpen && !open) || excluded(service, criteria, stay)) {
      return null;
    }
    const matches: NeedMatch[] = [];
    for (const need of this.needs) {
      if (onlyOpen && !this.anyVictim.has(need.code)) {
        continue;
      }
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
    if (matches.length === 0 && onlyOpen) {
      return null;
    }
    return {
      base: {
        service,
        groupCodes,
        servedVia: served.length > 1 ? [...new Set(served)].sort() : served,
        coverage: coverageOf(service, criteria.place, ctx.geography),
        distanceKm: distance,
        availability: availabilityOf(service, ctx.now, ctx.availabilityFreshHours, stay),
        stay,
        rape: overlaps(needMask, this.rape),
        away: keptAway(service, criteria, ctx),
        languages:
          criteria.languages.length === 0
            ? []
            : criteria.languages.filter((l) => service.languages.includes(l)),
      },
      matches,
    };
  }
}

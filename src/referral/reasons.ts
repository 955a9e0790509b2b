import { ReferralRoute } from '../catalogue/models/service.model';
import { languageName } from '../taxonomy/language-names';
import { childInvolved, servesChildren } from './groups';
import { ReferralCriteria, RankingContext } from './criteria';
import { confirmationDue } from './confirmation';
import { boyLimitUnknown } from './eligibility';
import { Evaluated } from './evaluation';
import { Availability, CoverageMatch, Language } from './models/referral.model';
import { offersStay } from './needs';
import { keptAway } from './place';
import { joinList, lowerFirst, Phrases } from './phrases';
import { DA } from './phrases-da';
import { EN } from './phrases-en';

/*
 * The answer's texts, built from the data and the request in the caller's language: why each
 * option, what to do next, why a plan's step, and the guidance.
 */

const PHRASES: Record<Language, Phrases> = { [Language.DA]: DA, [Language.EN]: EN };

export function phrasesFor(language: Language): Phrases {
  return PHRASES[language];
}

function nodeNames(
  codes: readonly string[],
  lookup: (code: string) => { name: string; nameEn: string } | undefined,
  p: Phrases,
): string {
  return joinList(
    codes.map((c) => {
      const node = lookup(c);
      return node ? lowerFirst(p.named(node)) : c;
    }),
    p.and,
  );
}

/** Why this option, a few words each, generated from the service's data and the request. */
export function reasonsFor(
  e: Evaluated,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): string[] {
  const p = phrasesFor(ctx.language);
  const tax = ctx.taxonomy;
  const s = e.service;
  const group = (c: string) => tax.targetGroups.get(c);
  const need = (c: string) => tax.needs.get(c);
  const out: string[] = [];
  if (e.servedVia.length > 0) {
    out.push(p.serves(nodeNames(e.servedVia, group, p)));
  } else if (e.groupCodes.length === 0) {
    out.push(p.anyVictim);
  }
  if (e.away) {
    const near = criteria.keepAwayFrom.filter((m) => keptAway(s, { keepAwayFrom: [m] }, ctx));
    out.push(
      p.keepAway(
        joinList(
          near.map((m) => m.name),
          p.and,
        ),
      ),
    );
  }
  if (e.coverage === CoverageMatch.OUTSIDE_AREA) {
    out.push(
      p.outside(
        nodeNames(
          e.needs.map((m) => m.code),
          need,
          p,
        ),
      ),
    );
  }
  for (const m of e.needs) {
    const name = nodeNames([m.code], need, p);
    out.push(m.partlyVia ? p.partly(name, nodeNames(m.partlyVia, need, p)) : p.offers(name));
  }
  switch (e.availability) {
    case Availability.AVAILABLE:
      out.push(p.freePlaces(s.capacity?.freePlaces ?? 0));
      break;
    case Availability.FULL:
      out.push(p.full);
      break;
    case Availability.STALE:
      out.push(p.stale(ctx.availabilityFreshHours));
      break;
    case Availability.UNKNOWN:
    case Availability.NO_PLACES:
      break;
  }
  if (s.open24h) {
    out.push(p.open24h);
  }
  const place = criteria.place;
  if (place) {
    switch (e.coverage) {
      case CoverageMatch.MUNICIPALITY:
        out.push(
          s.municipalityCode === place.municipality.code
            ? p.locatedIn(place.municipality.name)
            : p.covers(place.municipality.name),
        );
        break;
      case CoverageMatch.REGION:
        out.push(
          s.coverage.regionCodes.includes(place.region.code)
            ? p.covers(p.regionName(place.region))
            : p.inRegion(p.regionName(place.region)),
        );
        break;
      case CoverageMatch.NATIONAL:
        out.push(p.national);
        break;
      case CoverageMatch.OUTSIDE_AREA:
        break;
    }
  } else if (e.coverage === CoverageMatch.NATIONAL) {
    out.push(p.national);
  }
  if (e.languages.length > 0) {
    out.push(
      p.speaks(
        joinList(
          e.languages.map((l) => languageName(l, p.locale)),
          p.and,
        ),
      ),
    );
  }
  const located = s.municipalityCode ? ctx.geography.municipality(s.municipalityCode) : null;
  if (
    place &&
    s.addressConfidential &&
    located &&
    !(e.coverage === CoverageMatch.MUNICIPALITY && located.code === place.municipality.code)
  ) {
    // where a secret address is: its municipality, never a distance
    out.push(p.locatedIn(located.name));
  }
  if (place && e.distanceKm !== null) {
    const km = Math.round(e.distanceKm);
    if (place.fromPoint) {
      out.push(p.kmAway(km));
    } else if (s.municipalityCode !== place.municipality.code) {
      out.push(p.kmFrom(km, place.municipality.name));
    }
  }
  const { minAge, maxAge, maxBoyAge } = s.eligibility;
  if (criteria.age !== null && (minAge !== null || maxAge !== null)) {
    out.push(p.ages(minAge, maxAge));
  }
  if (criteria.accompanyingChildren.length > 0 && offersStay(s, tax)) {
    out.push(p.childrenWelcome);
    if (maxBoyAge !== null && boyLimitUnknown(s, criteria, tax)) {
      out.push(p.boysUpTo(maxBoyAge));
    }
  }
  if (criteria.wheelchair) {
    out.push(s.wheelchairAccessible === true ? p.stepFree : p.stepFreeUnknown);
  }
  return out;
}

/** What the professional does now: who refers, how to get in touch, what to watch for. */
export function nextStepsFor(
  e: Evaluated,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): string[] {
  const p = phrasesFor(ctx.language);
  const s = e.service;
  const routes = new Set(s.referralRoutes);
  const self = routes.has(ReferralRoute.SELF);
  const professional = routes.has(ReferralRoute.PROFESSIONAL);
  const phone = s.contact.phone;
  const when = s.open24h ? p.dayAndNight : s.openingHours;
  const out: string[] = [];
  let phoned = false;
  if (self) {
    out.push(phone ? p.selfCall(phone, when) : p.selfContact);
    phoned = phone !== null;
  }
  if (professional) {
    if (self) {
      out.push(p.professionalAlso);
    } else {
      out.push(phone ? p.professionalCall(phone, when) : p.professionalRefers);
      phoned = phone !== null;
    }
  }
  if (routes.has(ReferralRoute.MUNICIPALITY)) {
    if (self || professional) {
      out.push(p.municipalityAlso);
    } else {
      const child = servesChildren(s, ctx.taxonomy) || childInvolved(criteria, ctx.taxonomy);
      out.push(child ? p.municipalityRefersChild : p.municipalityRefers);
    }
  }
  if (routes.has(ReferralRoute.POLICE)) {
    out.push(self || professional ? p.policeAlso : p.policeRefers);
  }
  if (!phoned && (self || professional || routes.size === 0)) {
    if (s.contact.website) {
      out.push(p.website(s.contact.website));
    }
    if (s.contact.email) {
      out.push(p.email(s.contact.email));
    }
  }
  if (s.anonymous) {
    out.push(p.anonymous);
  }
  if (e.availability === Availability.STALE) {
    out.push(p.callFirst);
  } else if (e.availability === Availability.FULL) {
    out.push(p.fullNow);
  }
  if (s.addressConfidential) {
    out.push(p.secretAddress);
  }
  const confirmed = confirmationDue(s.verifiedAt, ctx);
  if (confirmed) {
    out.push(p.confirmedLongAgo(confirmed));
  }
  return out;
}

/** The first reason of an option a declared onward referral put there. */
export function declaredReason(
  by: { name: string; kind: 'CONTINUES_TO' | 'IF_FULL_TRY' },
  language: Language,
): string {
  const p = phrasesFor(language);
  return by.kind === 'CONTINUES_TO' ? p.continuesFrom(by.name) : p.ifFullFrom(by.name);
}

/**
 * Why a step is in a plan: the needs it usually follows (taxonomy names), or the services whose
 * organisations declared it as where their clients usually continue.
 */
export function stepReason(
  after: readonly { name: string; nameEn: string }[],
  declaredBy: readonly string[],
  language: Language,
): string {
  const p = phrasesFor(language);
  return after.length > 0
    ? p.stepAfter(
        joinList(
          after.map((n) => lowerFirst(p.named(n))),
          p.and,
        ),
      )
    : p.stepDeclared(joinList(declaredBy, p.and));
}

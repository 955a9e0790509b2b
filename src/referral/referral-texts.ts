import { ReferralRoute } from '../catalogue/models/service.model';
import { Region } from '../geography/models/geography.models';
import { Availability, CoverageMatch, GuidanceCode, Language } from './models/referral.model';
import {
  boyLimitUnknown,
  Evaluated,
  offersStay,
  RankingContext,
  ReferralCriteria,
  servesChildren,
  childInvolved,
} from './matching';

/** Every sentence the engine can say, per language; values come from the data. */
interface Phrases {
  locale: 'da' | 'en';
  and: string;
  named(node: { name: string; nameEn: string }): string;
  regionName(region: Region): string;
  serves(groups: string): string;
  offers(need: string): string;
  partly(need: string, via: string): string;
  freePlaces(n: number): string;
  full: string;
  stale(hours: number): string;
  open24h: string;
  locatedIn(place: string): string;
  covers(place: string): string;
  inRegion(region: string): string;
  national: string;
  outside(needs: string): string;
  speaks(languages: string): string;
  kmFrom(km: number, place: string): string;
  kmAway(km: number): string;
  ages(min: number | null, max: number | null): string;
  childrenWelcome: string;
  boysUpTo(age: number): string;
  stepFree: string;
  stepFreeUnknown: string;
  dayAndNight: string;
  selfCall(phone: string, when: string | null): string;
  selfContact: string;
  professionalCall(phone: string, when: string | null): string;
  professionalRefers: string;
  professionalAlso: string;
  municipalityRefersChild: string;
  municipalityRefers: string;
  municipalityAlso: string;
  policeRefers: string;
  policeAlso: string;
  website(url: string): string;
  email(address: string): string;
  anonymous: string;
  callFirst: string;
  fullNow: string;
  secretAddress: string;
  confirmedLongAgo(date: string): string;
  continuesFrom(service: string): string;
  ifFullFrom(service: string): string;
  stepAfter(needs: string): string;
  stepDeclared(services: string): string;
  guidance: Record<GuidanceCode, string>;
}

const paren = (when: string | null): string => (when ? ` (${when})` : '');

const DA: Phrases = {
  locale: 'da',
  and: 'og',
  named: (node) => node.name,
  regionName: (region) => region.name,
  serves: (groups) => `Tager imod ${groups}`,
  offers: (need) => `Hjælper med ${need}`,
  partly: (need, via) => `Hjælper delvist med ${need}: ${via}`,
  freePlaces: (n) => (n === 1 ? '1 ledig plads' : `${n} ledige pladser`),
  full: 'Ingen ledige pladser lige nu',
  stale: (hours) => `Pladser sidst meldt for over ${hours} timer siden: ring først`,
  open24h: 'Døgnåben',
  locatedIn: (place) => `Ligger i ${place}`,
  covers: (place) => `Dækker ${place}`,
  inRegion: (region) => `I ${region}`,
  national: 'Landsdækkende',
  outside: (needs) => `Uden for området: intet i området hjælper med ${needs}`,
  speaks: (languages) => `Taler ${languages}`,
  kmFrom: (km, place) => `${km} km fra ${place}`,
  kmAway: (km) => (km < 1 ? 'Under 1 km væk' : `${km} km væk`),
  ages: (min, max) =>
    min !== null && max !== null
      ? `For ${min}-${max}-årige`
      : min !== null
        ? `Fra ${min} år`
        : `Til og med ${max ?? ''} år`,
  childrenWelcome: 'Børn kan komme med',
  boysUpTo: (age) => `Drenge kun til og med ${age} år: spørg, hvis en ældre dreng kommer med`,
  stepFree: 'Trinfri adgang',
  stepFreeUnknown: 'Trinfri adgang ukendt',
  dayAndNight: 'døgnet rundt',
  selfCall: (phone, when) => `Personen kan selv ringe på ${phone}${paren(when)}`,
  selfContact: 'Personen kan selv henvende sig',
  professionalCall: (phone, when) => `Du henviser som fagperson: ring ${phone}${paren(when)}`,
  professionalRefers: 'Du henviser som fagperson',
  professionalAlso: 'Du kan også henvise som fagperson',
  municipalityRefersChild:
    'Kommunen henviser: kontakt familiens kommune (børne- og ungerådgivningen)',
  municipalityRefers: 'Kommunen henviser: kontakt personens kommune (socialrådgivningen)',
  municipalityAlso: 'Kommunen kan også henvise',
  policeRefers: 'Politiet eller kommunen henviser efter en bortvisning fra hjemmet',
  policeAlso: 'Politiet kan også henvise',
  website: (url) => `Se ${url}`,
  email: (address) => `Skriv til ${address}`,
  anonymous: 'Personen kan være anonym',
  callFirst: 'Ring først og spørg, om der er en ledig plads',
  fullNow: 'Fuldt lige nu: spørg, hvornår der bliver plads, eller prøv det næste tilbud',
  secretAddress: 'Adressen er hemmelig: aftal ankomsten pr. telefon',
  confirmedLongAgo: (date) => `Sidst bekræftet ${date}: ring og tjek`,
  continuesFrom: (service) => `${service} oplyser, at deres klienter typisk fortsætter her`,
  ifFullFrom: (service) => `${service} henviser hertil, når der er fuldt`,
  stepAfter: (needs) => `Kommer typisk efter ${needs}`,
  stepDeclared: (services) => `${services} oplyser, at deres klienter typisk fortsætter hertil`,
  guidance: {
    DANGER_CALL_112:
      'Er der fare lige nu, så ring 112. Politiet kan bortvise den voldsudøvende fra hjemmet og give tilhold; ikke akut: ring 114.',
    SHELTER_PLACES_1888:
      'Ledige krisecenterpladser i hele landet: Lev Uden Vold på 1888 (døgnåben, gratis og anonym) har overblikket og rådgiver også fagpersoner.',
    RAPE_ACUTE_EXAMINATION:
      'Efter voldtægt: tag til et center for voldtægtsofre så hurtigt som muligt. Spor sikres bedst inden for 72 timer, så undgå helst bad og tøjskift først. Det kræver ikke politianmeldelse at blive undersøgt og behandlet.',
    DUTY_TO_NOTIFY:
      'Underretningspligt: får du som fagperson kendskab til, at et barn eller en ung under 18 år udsættes for vold, skal du underrette barnets kommune (Barnets lov § 133, tidligere serviceloven § 153).',
    NO_PLACE_GIVEN:
      'Der er ikke angivet noget sted, så svaret viser kun landsdækkende tilbud. Angiv kommune (municipalityCode) eller position (near) for at se tilbud i nærheden.',
  },
};

const EN: Phrases = {
  locale: 'en',
  and: 'and',
  named: (node) => node.nameEn,
  regionName: (region) => region.nameEn,
  serves: (groups) => `Serves ${groups}`,
  offers: (need) => `Helps with ${need}`,
  partly: (need, via) => `Partly helps with ${need}: ${via}`,
  freePlaces: (n) => (n === 1 ? '1 free place' : `${n} free places`),
  full: 'No free places now',
  stale: (hours) => `Places last reported over ${hours} hours ago: call first`,
  open24h: 'Open day and night',
  locatedIn: (place) => `Located in ${place}`,
  covers: (place) => `Covers ${place}`,
  inRegion: (region) => `In ${region}`,
  national: 'Nationwide',
  outside: (needs) => `Outside the area: nothing in the area helps with ${needs}`,
  speaks: (languages) => `Speaks ${languages}`,
  kmFrom: (km, place) => `${km} km from ${place}`,
  kmAway: (km) => (km < 1 ? 'Less than 1 km away' : `${km} km away`),
  ages: (min, max) =>
    min !== null && max !== null
      ? `Ages ${min}-${max}`
      : min !== null
        ? `Ages ${min} and over`
        : `Up to age ${max ?? ''}`,
  childrenWelcome: 'Children can come along',
  boysUpTo: (age) => `Boys only up to age ${age}: ask if an older boy comes along`,
  stepFree: 'Step-free access',
  stepFreeUnknown: 'Step-free access unknown',
  dayAndNight: 'day and night',
  selfCall: (phone, when) => `The person can call ${phone} directly${paren(when)}`,
  selfContact: 'The person can contact them directly',
  professionalCall: (phone, when) => `You refer as a professional: call ${phone}${paren(when)}`,
  professionalRefers: 'You refer as a professional',
  professionalAlso: 'You can also refer as a professional',
  municipalityRefersChild:
    "The municipality refers: contact the family's municipality (children and young people's caseworker)",
  municipalityRefers:
    "The municipality refers: contact the person's municipality (social services)",
  municipalityAlso: 'The municipality can also refer',
  policeRefers: 'The police or the municipality refers after a removal from the home',
  policeAlso: 'The police can also refer',
  website: (url) => `See ${url}`,
  email: (address) => `Write to ${address}`,
  anonymous: 'The person can stay anonymous',
  callFirst: 'Call first to ask whether a place is free',
  fullNow: 'Full now: ask when a place frees up, or try the next option',
  secretAddress: 'The address is secret: arrange the arrival by phone',
  confirmedLongAgo: (date) => `Last confirmed ${date}: call and check`,
  continuesFrom: (service) => `${service} says its clients usually continue here`,
  ifFullFrom: (service) => `${service} refers here when it is full`,
  stepAfter: (needs) => `Usually follows ${needs}`,
  stepDeclared: (services) => `${services} says its clients usually continue to this`,
  guidance: {
    DANGER_CALL_112:
      'If there is danger now, call 112. The police can remove the violent person from the home and issue a restraining order; non-urgent: call 114.',
    SHELTER_PLACES_1888:
      'Free shelter places across the country: Lev Uden Vold on 1888 (day and night, free and anonymous) keeps the overview and also advises professionals.',
    RAPE_ACUTE_EXAMINATION:
      'After rape: go to a centre for victims of rape as soon as possible. Evidence is best secured within 72 hours, so if possible avoid washing or changing clothes first. No police report is required to be examined and treated.',
    DUTY_TO_NOTIFY:
      "Duty to notify: a professional who learns that a child or young person under 18 is exposed to violence must notify the child's municipality (Barnets lov § 133, formerly Serviceloven § 153).",
    NO_PLACE_GIVEN:
      'No place was given, so only nationwide services are shown. Give a municipality (municipalityCode) or a position (near) to see services nearby.',
  },
};

const PHRASES: Record<Language, Phrases> = { [Language.DA]: DA, [Language.EN]: EN };

export function phrasesFor(language: Language): Phrases {
  return PHRASES[language];
}

/** "Kvinder" → "kvinder" inside a sentence; leaves acronyms such as "LGBT+" alone. */
export function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1].toLowerCase()
    ? text[0].toLowerCase() + text.slice(1)
    : text;
}

/** "a, b og c" / "a, b and c". */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** ISO 639-1 code → "arabisk" / "Arabic" (the code itself when unknown). */
export function languageName(code: string, locale: 'da' | 'en'): string {
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    languageNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
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
  const confirmedLongAgo = confirmationDue(s.verifiedAt, ctx);
  if (confirmedLongAgo) {
    out.push(p.confirmedLongAgo(confirmedLongAgo));
  }
  return out;
}

/**
 * The date a listing was last confirmed, in the answer's language, when that was longer ago than
 * LISTING_CONFIRM_DAYS (null otherwise, and for a listing never confirmed: its organisation's
 * freshness list covers those, by creation date).
 */
export function confirmationDue(
  verifiedAt: Date | null,
  ctx: Pick<RankingContext, 'now' | 'language' | 'listingConfirmDays'>,
): string | null {
  const days = ctx.listingConfirmDays;
  if (!verifiedAt || days === undefined) {
    return null;
  }
  if (ctx.now.getTime() - verifiedAt.getTime() <= days * 24 * 3_600_000) {
    return null;
  }
  return verifiedAt.toLocaleDateString(ctx.language === Language.EN ? 'en-GB' : 'da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  });
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

export function guidanceText(code: GuidanceCode, language: Language): string {
  return phrasesFor(language).guidance[code];
}

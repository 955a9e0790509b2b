import { Region } from '../geography/models/geography.models';
import { GuidanceCode } from './models/referral.model';

/*
 * The sentences of the answer's texts, one set per language (phrases-da.ts, phrases-en.ts);
 * reasons.ts builds the texts from them and the data.
 */

/** Every sentence the engine can say, per language; values come from the data. */
export interface Phrases {
  locale: 'da' | 'en';
  and: string;
  or: string;
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
  /** A service matched only for a need any victim can have, outside its own groups. */
  anyVictim: string;
  /** Located in or near the places to keep away from (their names). */
  keepAway(places: string): string;
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
  /** Guidance whose text does not depend on the answer. */
  guidance: Record<Exclude<GuidanceCode, GuidanceCode.INTERPRETER>, string>;
  /** INTERPRETER: `languages` not spoken by the first options; `near`, a place that speaks one. */
  interpreter(languages: string, near: string | null): string;
  /** Why a plan's step comes, beyond the chain (see `StepNote`). */
  stepNotes: Record<'CHILDREN_AT_HOME' | 'AFTER_SAFETY' | 'VICTIMS_COUNSEL', string>;
  /** A plan step's need every municipality meets, answered by the person's own. */
  municipalService(
    municipality: { code: string; name: string },
    kind: MunicipalServiceKindText,
  ): string;
}

/** The kinds of municipal service named in texts (see `MunicipalServiceKind`). */
export type MunicipalServiceKindText =
  'JOB_CENTRE' | 'HOUSING_ALLOCATION' | 'LANGUAGE_CENTRE' | 'CITIZEN_SERVICE';

/** " (when)" after a phone number, or nothing. */
export const paren = (when: string | null): string => (when ? ` (${when})` : '');

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

import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { insideDenmark } from '../geography/denmark-outline';
import { distanceKm } from '../geography/distance';
import { Geography } from '../geography/geography';
import { GeographyService } from '../geography/geography.service';
import { Taxonomy } from '../taxonomy/taxonomy';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ReferralInput } from './dto/referral.input';
import { ReferralCriteria, ReferralPlace } from './matching';
import { Language, Referral, ReferralPlan } from './models/referral.model';
import {
  candidateCodes,
  Evaluations,
  needsBeyondArea,
  optionRenderer,
  renderReferral,
  selectedIds,
  selectReferral,
} from './ranking';
import {
  declaredToLoad,
  planChain,
  planPicks,
  renderPlan,
  selectPlan,
  stepCriteria,
} from './referral-plan';
import { ReferralCandidates } from './candidates';
import { ReferralArea } from './referral.repository';

const unique = (codes: readonly string[]): string[] => [...new Set(codes)];

/** Throws BAD_USER_INPUT listing every unknown group and need code at once. */
function assertCodes(tax: Taxonomy, groups: string[], needs: string[]): void {
  const unknownGroups = tax.unknown('targetGroups', groups);
  const unknownNeeds = tax.unknown('needs', needs);
  if (unknownGroups.length === 0 && unknownNeeds.length === 0) {
    return;
  }
  const parts = [
    ...(unknownGroups.length > 0
      ? [`Unknown target group code(s) in input.targetGroupCodes: ${unknownGroups.join(', ')}`]
      : []),
    ...(unknownNeeds.length > 0
      ? [`Unknown need code(s) in input.needCodes: ${unknownNeeds.join(', ')}`]
      : []),
  ];
  const argument =
    unknownGroups.length > 0 && unknownNeeds.length > 0
      ? 'input'
      : unknownGroups.length > 0
        ? 'input.targetGroupCodes'
        : 'input.needCodes';
  throw AppError.badInput(parts.join('; '), {
    argument,
    unknownCodes: [...unknownGroups, ...unknownNeeds],
  });
}

/** Each boy must be one of the children (same age, counted as often as given). */
function assertBoysAmongChildren(children: number[], boys: number[]): void {
  const left = [...children];
  for (const age of boys) {
    const i = left.indexOf(age);
    if (i < 0) {
      throw AppError.badInput(
        'input.accompanyingBoys must list ages that are also in input.accompanyingChildren',
        { argument: 'input.accompanyingBoys' },
      );
    }
    left.splice(i, 1);
  }
}

/** The person's place: the municipality given, or the one nearest to a position in Denmark. */
function resolvePlace(input: ReferralInput, geo: Geography): ReferralPlace | null {
  if (input.municipalityCode !== undefined && input.municipalityCode !== null && input.near) {
    throw AppError.badInput('Give either input.municipalityCode or input.near, not both', {
      argument: 'input',
    });
  }
  if (input.near) {
    const point = { latitude: input.near.latitude, longitude: input.near.longitude };
    if (!insideDenmark(point)) {
      throw AppError.badInput('input.near must be a position inside Denmark', {
        argument: 'input.near',
      });
    }
    let nearest = geo.municipalities[0];
    let best = Infinity;
    for (const m of geo.municipalities) {
      const d = distanceKm(point, m.location);
      if (d < best) {
        best = d;
        nearest = m;
      }
    }
    const region = nearest ? geo.region(nearest.regionCode) : null;
    return nearest && region
      ? { municipality: nearest, region, origin: point, fromPoint: true }
      : null;
  }
  if (input.municipalityCode !== undefined && input.municipalityCode !== null) {
    geo.assertMunicipality(input.municipalityCode, 'input.municipalityCode');
    const municipality = geo.municipality(input.municipalityCode);
    const region = municipality ? geo.region(municipality.regionCode) : null;
    if (municipality && region) {
      return { municipality, region, origin: municipality.location, fromPoint: false };
    }
  }
  return null;
}

/**
 * Validates a request against the taxonomy and geography and makes it criteria: codes known and
 * de-duplicated, boys among the children, the place resolved.
 */
export function referralCriteria(
  input: ReferralInput,
  tax: Taxonomy,
  geo: Geography,
): ReferralCriteria {
  const targetGroupCodes = unique(input.targetGroupCodes);
  const needCodes = unique(input.needCodes);
  assertCodes(tax, targetGroupCodes, needCodes);
  const children = input.accompanyingChildren ?? [];
  const boys = input.accompanyingBoys ?? null;
  if (boys) {
    assertBoysAmongChildren(children, boys);
  }
  return {
    targetGroupCodes,
    needCodes,
    place: resolvePlace(input, geo),
    age: input.age ?? null,
    accompanyingChildren: children,
    accompanyingBoys: boys,
    languages: unique(input.languages ?? []),
    wheelchair: input.wheelchair ?? false,
    selfReferralOnly: input.selfReferralOnly ?? false,
    limit: input.limit,
  };
}

/** The person's area: their region and all its municipalities; without a place, none. */
function areaOf(place: ReferralPlace | null, geo: Geography): ReferralArea {
  return place
    ? {
        regionCode: place.region.code,
        municipalityCodes: geo.municipalitiesIn(place.region.code).map((m) => m.code),
      }
    : { regionCode: null, municipalityCodes: [] };
}

/**
 * The referral engine. Inputs describe needs, not a person: they are never logged or stored.
 */
@Injectable()
export class ReferralService {
  constructor(
    private readonly candidates: ReferralCandidates,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates the request, reads the candidates of the person's area as light rows (and, only
   * for needs the area cannot meet or declared alternatives it does not hold, the candidates
   * beyond it) from the services cached at the current catalogue stamp (one small read brings
   * them up to date: the referral's only round trip), ranks them in memory, then maps whole, from
   * the same snapshot, only the services the answer returns: options (with alternatives when
   * full), options per need, needs not met in the area, next steps, and guidance, in `language`.
   */
  async refer(input: ReferralInput, language: Language, now = new Date()): Promise<Referral> {
    return (await this.answer(input, language, false, now)).referral;
  }

  /**
   * The referral answer for now and the steps that follow, phase by phase, in the same reads:
   * the plan's needs join the candidate query, declared onward referrals join the read beyond
   * the area, and the returned services come whole from the same snapshot as the answer's.
   */
  async plan(input: ReferralInput, language: Language, now = new Date()): Promise<ReferralPlan> {
    return this.answer(input, language, true, now);
  }

  private async answer(
    input: ReferralInput,
    language: Language,
    withPlan: boolean,
    now: Date,
  ): Promise<ReferralPlan> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    const criteria = referralCriteria(input, tax, geo);
    const ctx = {
      taxonomy: tax,
      geography: geo,
      now,
      availabilityFreshHours: this.config.availabilityFreshHours,
      language,
      listingConfirmDays: this.config.listingConfirmDays,
    };
    const later = withPlan ? planChain(criteria, ctx).map((c) => c.code) : [];
    const forWhom = withPlan ? stepCriteria(criteria, ctx) : criteria;
    const codes = candidateCodes(forWhom, ctx, later);
    const area = areaOf(criteria.place, geo);
    const read = await this.candidates.open();
    const inArea = read.findInArea(area, codes.targetGroupCodes, codes.needCodes);
    const evaluations = new Evaluations();
    const beyond = tax.needs.expandForMatch([
      ...needsBeyondArea(inArea, criteria, ctx, evaluations),
      ...(withPlan ? needsBeyondArea(inArea, { ...forWhom, needCodes: later }, ctx) : []),
    ]);
    const declared = declaredToLoad(inArea, withPlan, ctx);
    const outside =
      declared.declaredIds.length > 0 || declared.followFromIds.length > 0
        ? read.findBeyondAreaAndDeclared(area, codes.targetGroupCodes, beyond, declared)
        : beyond.length > 0
          ? read.findBeyondArea(area, codes.targetGroupCodes, beyond)
          : [];
    const found = new Set(inArea.map((row) => row.id));
    const candidates = [...inArea, ...outside.filter((row) => !found.has(row.id))];
    const selection = selectReferral(candidates, criteria, ctx, evaluations);
    const plan = withPlan
      ? selectPlan(candidates, criteria, selection, ctx, evaluations)
      : { phases: [] };
    // whole, from the same snapshot the candidates came from: no second round trip
    const services = read.services(selectedIds(selection, planPicks(plan)));
    const loaded = new Map(services.map((s) => [s.id, s]));
    return {
      referral: {
        ...renderReferral(selection, loaded, criteria, ctx),
        municipality: criteria.place?.municipality ?? null,
      },
      phases: renderPlan(plan, optionRenderer(loaded, criteria, ctx), criteria, ctx),
    };
  }
}

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
import { Language, Referral } from './models/referral.model';
import { buildReferral, candidateCodes } from './ranking';
import { ReferralRepository } from './referral.repository';

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
      ? [`Unknown target group code(s) in input.targetGroups: ${unknownGroups.join(', ')}`]
      : []),
    ...(unknownNeeds.length > 0
      ? [`Unknown need code(s) in input.needs: ${unknownNeeds.join(', ')}`]
      : []),
  ];
  const argument =
    unknownGroups.length > 0 && unknownNeeds.length > 0
      ? 'input'
      : unknownGroups.length > 0
        ? 'input.targetGroups'
        : 'input.needs';
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
 * The referral engine. Inputs describe needs, not a person: they are never logged or stored.
 */
@Injectable()
export class ReferralService {
  constructor(
    private readonly repo: ReferralRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates the request, loads the candidate set in one query and ranks it in memory:
   * options, options per need, needs not met in the area, and guidance, in `language`.
   */
  async refer(input: ReferralInput, language: Language, now = new Date()): Promise<Referral> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    const targetGroups = unique(input.targetGroups);
    const needs = unique(input.needs);
    assertCodes(tax, targetGroups, needs);
    const children = input.accompanyingChildren ?? [];
    const boys = input.accompanyingBoys ?? null;
    if (boys) {
      assertBoysAmongChildren(children, boys);
    }
    const place = resolvePlace(input, geo);
    const criteria: ReferralCriteria = {
      targetGroups,
      needs,
      place,
      age: input.age ?? null,
      accompanyingChildren: children,
      accompanyingBoys: boys,
      languages: unique(input.languages ?? []),
      wheelchair: input.wheelchair ?? false,
      selfReferralOnly: input.selfReferralOnly ?? false,
      limit: input.limit,
    };
    const ctx = {
      taxonomy: tax,
      geography: geo,
      now,
      availabilityFreshHours: this.config.availabilityFreshHours,
      language,
    };
    const codes = candidateCodes(criteria, ctx);
    const candidates = await this.repo.findCandidates(codes.targetGroupCodes, codes.needCodes);
    return {
      ...buildReferral(candidates, criteria, ctx),
      municipality: place?.municipality ?? null,
    };
  }
}

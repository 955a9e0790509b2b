import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Need, ServiceType, TargetGroup } from './models/taxonomy.models';
import { TaxonomyService } from './taxonomy.service';

@Resolver(() => ServiceType)
export class ServiceTypeResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Query(() => [ServiceType], { description: 'Every service type, by code.' })
  async serviceTypes(): Promise<ServiceType[]> {
    return (await this.taxonomy.get()).serviceTypes;
  }
}

@Resolver(() => TargetGroup)
export class TargetGroupResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Query(() => [TargetGroup], { description: 'Every target group, by code; see parent/children.' })
  async targetGroups(): Promise<TargetGroup[]> {
    return (await this.taxonomy.get()).targetGroups.nodes;
  }

  @ResolveField(() => TargetGroup, { nullable: true })
  async parent(@Parent() group: TargetGroup): Promise<TargetGroup | null> {
    return (await this.taxonomy.get()).targetGroups.parent(group.code);
  }

  @ResolveField(() => [TargetGroup])
  async children(@Parent() group: TargetGroup): Promise<TargetGroup[]> {
    return (await this.taxonomy.get()).targetGroups.children(group.code);
  }
}

@Resolver(() => Need)
export class NeedResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Query(() => [Need], { description: 'Every need, by code; see parent/children.' })
  async needs(): Promise<Need[]> {
    return (await this.taxonomy.get()).needs.nodes;
  }

  @ResolveField(() => Need, { nullable: true })
  async parent(@Parent() need: Need): Promise<Need | null> {
    return (await this.taxonomy.get()).needs.parent(need.code);
  }

  @ResolveField(() => [Need])
  async children(@Parent() need: Need): Promise<Need[]> {
    return (await this.taxonomy.get()).needs.children(need.code);
  }

  @ResolveField(() => [Need], {
    description:
      'What usually comes next for a person with this need (the referral chain), including steps that apply only to some people (Danish lessons: to a person who speaks another language).',
  })
  async followUps(@Parent() need: Need): Promise<Need[]> {
    const needs = (await this.taxonomy.get()).needs;
    return (needs.get(need.code)?.followUpLinks ?? []).flatMap((f) => needs.get(f.code) ?? []);
  }
}

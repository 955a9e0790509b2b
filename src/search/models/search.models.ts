import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/pagination';
import { Availability } from '../../catalogue/models/availability.model';
import { Service } from '../../catalogue/models/service.model';

@ObjectType({ description: 'One value of a facet and how many hits have it.' })
export class FacetValue {
  @Field({ description: 'The code (service type, region, target group, need or language).' })
  code!: string;

  @Field({ description: 'Danish name.' })
  name!: string;

  @Field(() => Int, {
    description: 'Hits over the whole filtered result that a filter on this code would keep.',
  })
  count!: number;
}

@ObjectType({ description: 'Counts over the whole filtered result (not just this page).' })
export class SearchFacets {
  @Field(() => [FacetValue])
  types!: FacetValue[];

  @Field(() => [FacetValue], { description: 'Regions the hits are located in or cover.' })
  regions!: FacetValue[];

  @Field(() => [FacetValue], { description: 'Along the hierarchy, as the filter matches.' })
  targetGroups!: FacetValue[];

  @Field(() => [FacetValue], { description: 'Along the hierarchy, as the filter matches.' })
  needs!: FacetValue[];

  @Field(() => [FacetValue])
  languages!: FacetValue[];
}

@ObjectType()
export class SearchHit {
  @Field(() => Service)
  service!: Service;

  @Field(() => Float, {
    description: 'Relevance (engine-specific scale; higher is better). Equal scores: by name, id.',
  })
  score!: number;

  /** Resolved by SearchHitResolver from the service's capacity (never from an index document). */
  @Field(() => Availability, {
    description: 'Free places as last reported, as a referral option shows them.',
  })
  availability?: Availability;
}

@ObjectType()
export class ServiceSearchResult {
  @Field(() => [SearchHit])
  hits!: SearchHit[];

  @Field(() => Int)
  totalHits!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => SearchFacets)
  facets!: SearchFacets;
}

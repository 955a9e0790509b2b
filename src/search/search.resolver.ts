import { Args, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { Availability, availabilityOfPlaces } from '../catalogue/models/availability.model';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { selectedFieldsAt } from './hit-document';
import { SearchServicesArgs } from './dto/search-services.args';
import { SearchHit, ServiceSearchResult } from './models/search.models';
import { SearchService } from './search.service';

@Resolver(() => ServiceSearchResult)
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Query(() => ServiceSearchResult, {
    description:
      'Services ranked by relevance to the query (typos, prefixes, æøå/ASCII, Danish/English), filtered like `services`, with facets over the whole filtered result.',
  })
  searchServices(
    @Args() args: SearchServicesArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ServiceSearchResult> {
    // The Service fields asked for on a hit decide whether the index's document can serve it;
    // a hit's availability needs the capacity, which no document holds.
    const fromDocument = !selectedFieldsAt(info, ['hits']).has('availability');
    return this.search.searchServices(
      args,
      fromDocument ? selectedFieldsAt(info, ['hits', 'service']) : null,
    );
  }
}

@Resolver(() => SearchHit)
export class SearchHitResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @ResolveField(() => Availability)
  availability(@Parent() hit: SearchHit): Availability {
    return availabilityOfPlaces(
      hit.service.capacity,
      new Date(),
      this.config.availabilityFreshHours,
    );
  }
}

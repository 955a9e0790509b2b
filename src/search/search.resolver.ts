import { Args, Query, Resolver } from '@nestjs/graphql';
import { SearchServicesArgs } from './dto/search-services.args';
import { ServiceSearchResult } from './models/search.models';
import { SearchService } from './search.service';

@Resolver(() => ServiceSearchResult)
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Query(() => ServiceSearchResult, {
    description:
      'Services ranked by relevance to the query (typos, prefixes, æøå/ASCII, Danish/English), filtered like `services`, with facets over the whole filtered result.',
  })
  searchServices(@Args() args: SearchServicesArgs): Promise<ServiceSearchResult> {
    return this.search.searchServices(args);
  }
}

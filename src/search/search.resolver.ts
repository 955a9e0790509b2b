import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldsAt } from './hit-document';
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
  searchServices(
    @Args() args: SearchServicesArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ServiceSearchResult> {
    // The Service fields asked for on a hit decide whether the index's document can serve it.
    return this.search.searchServices(args, selectedFieldsAt(info, ['hits', 'service']));
  }
}

import { Module } from '@nestjs/common';
import { ListingReadModule } from './read/listing-read.module';
import { ListingWriteModule } from './write/listing-write.module';

/** Listings, their public read side and their write side. */
@Module({
  imports: [ListingReadModule, ListingWriteModule],
})
export class DirectoryModule {}

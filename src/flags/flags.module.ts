import { Module } from '@nestjs/common';
import { FlagsRepository } from './flags.repository';
import { FlagsResolver } from './flags.resolver';
import { FlagsService } from './flags.service';

@Module({
  providers: [
    FlagsRepository,
    {
      provide: FlagsService,
      useFactory: (repo: FlagsRepository) => new FlagsService(repo),
      inject: [FlagsRepository],
    },
    FlagsResolver,
  ],
})
export class FlagsModule {}

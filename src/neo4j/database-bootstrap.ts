import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { migrate } from './migrations';
import { Neo4jService } from './neo4j.service';

/**
 * At start-up: wait for Neo4j, apply pending migrations and plan the hot reads, before anything
 * serves requests.
 */
@Injectable()
export class DatabaseBootstrap implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(private readonly neo: Neo4jService) {}

  async onModuleInit(): Promise<void> {
    await this.neo.verify();
    const applied = await migrate(this.neo, (line) => this.logger.log(line));
    if (applied.length > 0) {
      this.logger.log(`applied ${applied.length} migration(s)`);
    }
    // The first requests after a start find the hot statements planned (Neo4jService.keepWarm).
    await this.neo.warmUp();
  }
}

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { migrate } from './migrations';
import { Neo4jService } from './neo4j.service';

/** At start-up: wait for Neo4j, then apply pending migrations before anything serves requests. */
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
  }
}

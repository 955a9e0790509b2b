import { Global, Module } from '@nestjs/common';
import { DatabaseBootstrap } from './database-bootstrap';
import { Neo4jService } from './neo4j.service';

@Global()
@Module({
  providers: [Neo4jService, DatabaseBootstrap],
  exports: [Neo4jService],
})
export class Neo4jModule {}

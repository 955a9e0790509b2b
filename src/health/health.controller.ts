import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';

@Controller('health')
export class HealthController {
  constructor(private readonly neo: Neo4jService) {}

  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: string }> {
    try {
      await this.neo.read('RETURN 1 AS ok');
      return { status: 'ok' };
    } catch {
      throw new HttpException({ status: 'unavailable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}

import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { HealthService, Readiness } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /**
   * 200 when the API can serve (`ok`, or `degraded` when only the search engine is out: search
   * answers UNAVAILABLE, everything else works); 503 when Neo4j is out. Always within a second.
   */
  @Get('ready')
  async ready(): Promise<Readiness> {
    const readiness = await this.health.readiness();
    if (readiness.status === 'unavailable') {
      throw new HttpException(readiness, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return readiness;
  }
}

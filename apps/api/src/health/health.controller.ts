import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { healthSchema } from './health.schemas';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly ds: DataSource,
  ) {}

  @Get()
  // Its own swagger answers describe a 503 as JSON; Faro answers it as a problem (ApiProblems).
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL answers' })
  @ApiJson(200, healthSchema)
  @ApiProblems(503)
  check() {
    return this.health.check([
      async () => {
        const pg = this.indicators.check('postgres');
        try {
          await this.ds.query('SELECT 1');
          return pg.up();
        } catch (e) {
          return pg.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}

import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { ApiMetrics } from './api-metrics';

// Prometheus scrapes with an admin's or an auditor's API token (Authorization: Bearer): the
// figures say how busy the platform is and where it fails, not for the public.
@ApiTags('health')
@Controller('metrics')
@Roles('admin', 'auditor')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of the API and of the fan-out as PostgreSQL records it (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  async scrape(@Res() reply: FastifyReply) {
    const text = await this.metrics.registry.metrics();
    void reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  }
}

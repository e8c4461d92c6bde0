import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';

// The ingest bench's yardsticks (issue 15, target 4): the same route as a sensor's webhook on a
// bare Nest + Fastify app, which parses the JSON body and answers 201, with nothing behind it;
// with BARE_DATABASE_URL set, after one INSERT of the body (autocommit, pool of 20 as Faro's
// API): the least a durable ingest must do. Its own process, as Faro's API is: the load
// generator does not share its event loop.
const pool = process.env.BARE_DATABASE_URL ? new Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 20 }) : null;

@Controller('api/v1/sensors')
class BareSensorController {
  @Post(':sensorId/incidents')
  @HttpCode(201)
  async report(@Param('sensorId') sensorId: string, @Body() body: { identifier?: string }) {
    if (pool) await pool.query(`INSERT INTO bench_ingest (sensor_id, body) VALUES ($1, $2)`, [sensorId, JSON.stringify(body)]);
    return { sensorId, identifier: body?.identifier ?? null, received: true };
  }
}

@Module({ controllers: [BareSensorController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: ['error'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('bare endpoint ready');
}

void main();

import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

// The ingest bench's yardstick (issue 15, target 4): the same route as a sensor's webhook on a
// bare Nest + Fastify app, which parses the JSON body and answers 201, with nothing behind it.
// Its own process, as Faro's API is: the load generator does not share its event loop.
@Controller('api/v1/sensors')
class BareSensorController {
  @Post(':sensorId/incidents')
  @HttpCode(201)
  report(@Param('sensorId') sensorId: string, @Body() body: { identifier?: string }) {
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

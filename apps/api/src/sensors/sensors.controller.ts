import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorRef, type Principal } from '@faro/identity';
import { SqlSensorStore } from '@faro/persistence';
import { newSensorSchema, parseNewSensor, parseRotation, parseSensorChange, rotationSchema, sensorChangeSchema, SensorError } from '@faro/sensors';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { SIGNING_SCHEME, sensorView } from './sensor-view';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { secretRotatedSchema, sensorCreatedSchema, sensorListSchema, sensorSchema } from './sensor.schemas';

// Sensors are administered within the admin's jurisdiction; every change is audited by the store.
@ApiTags('sensors')
@Controller('api/v1/sensors')
@Roles('admin')
export class SensorsController {
  constructor(private readonly store: SqlSensorStore) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a sensor; the answer carries its webhook secret, shown this once' })
  @ApiJson(201, sensorCreatedSchema)
  @ApiProblems(422)
  async create(@Body({ schema: newSensorSchema }) body: unknown, @CurrentPrincipal() p: Principal) {
    const { sensor, issued } = await this.store.createSensor(parseNewSensor(body), actorRef(p), p.jurisdictionId);
    return { ...sensorView(sensor), secretId: issued.secretId, secret: issued.secret, signing: SIGNING_SCHEME };
  }

  @Get()
  @ApiOperation({ summary: 'The sensors of your jurisdiction and of the territories within it' })
  @ApiJson(200, sensorListSchema)
  async list(@CurrentPrincipal() p: Principal) {
    return { items: (await this.store.listSensors(p.jurisdictionId)).map(sensorView) };
  }

  @Get(':id')
  @ApiOperation({ summary: "A sensor, with its secrets' validity (never the secrets)" })
  @ApiJson(200, sensorSchema)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    const s = await this.store.sensorDetails(id, p.jurisdictionId);
    if (!s) throw new SensorError('sensor/not-found', `No sensor ${id}`);
    return sensorView(s);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the release policy, auto-release conditions, rate limit, name, or disable' })
  @ApiJson(200, sensorSchema)
  @ApiProblems(422)
  async change(@Param('id', new ParseUUIDPipe()) id: string, @Body({ schema: sensorChangeSchema }) body: unknown, @CurrentPrincipal() p: Principal) {
    return sensorView(await this.store.changeSensor(id, parseSensorChange(body), actorRef(p), p.jurisdictionId));
  }

  @Post(':id/rotate-secret')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a new webhook secret, shown this once; the old one stays valid for overlapSeconds' })
  @ApiJson(201, secretRotatedSchema)
  @ApiProblems(422)
  async rotate(@Param('id', new ParseUUIDPipe()) id: string, @Body({ schema: rotationSchema }) body: unknown, @CurrentPrincipal() p: Principal) {
    const r = await this.store.rotateSecret(id, parseRotation(body).overlapSeconds, actorRef(p), p.jurisdictionId);
    return { id, secretId: r.secretId, secret: r.secret, previousValidUntil: r.previousValidUntil.toISOString(), signing: SIGNING_SCHEME };
  }
}

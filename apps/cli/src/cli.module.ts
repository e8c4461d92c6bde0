import { Module } from '@nestjs/common';
import { audienceCommands } from './audiences.commands';
import { auditCommands } from './audit.commands';
import { cliProviders } from './cli.providers';
import { keyCommands } from './keys.commands';
import { sensorCommands } from './sensors.commands';
import { userCommands } from './users.commands';

// The admin CLI talks to PostgreSQL directly, so it works with the platform running or not.
@Module({ providers: [...cliProviders, ...userCommands, ...sensorCommands, ...auditCommands, ...keyCommands, ...audienceCommands] })
export class CliModule {}

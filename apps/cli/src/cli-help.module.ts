import { Module } from '@nestjs/common';
import { audienceCommands } from './audiences.commands';
import { auditCommands } from './audit.commands';
import { capCommands } from './cap.commands';
import { CLI_CONFIG, CLI_KEK } from './cli.providers';
import { handsetCommands } from './handset.commands';
import { keyCommands } from './keys.commands';
import { sensorCommands } from './sensors.commands';
import { userCommands } from './users.commands';
import { Database } from '@faro/persistence';

// `faro --help`, `faro help` or no command: every command listed, with no database, KEK or
// configuration needed. The commands are built but never run, so what they inject is left empty.
const NOT_CONNECTED = Object.freeze({});

@Module({
  providers: [
    { provide: CLI_CONFIG, useValue: NOT_CONNECTED },
    { provide: CLI_KEK, useValue: NOT_CONNECTED },
    { provide: Database, useValue: NOT_CONNECTED },
    ...userCommands,
    ...sensorCommands,
    ...auditCommands,
    ...keyCommands,
    ...audienceCommands,
    ...handsetCommands,
    ...capCommands,
  ],
})
export class CliHelpModule {}

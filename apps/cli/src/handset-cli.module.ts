import { Module } from '@nestjs/common';
import { capCommands } from './cap.commands';
import { handsetCommands } from './handset.commands';

// What needs no database and no KEK: a phone maker's checks (the pages and the published keys)
// and CAP templates.
@Module({ providers: [...handsetCommands, ...capCommands] })
export class HandsetCliModule {}

import { Module } from '@nestjs/common';
import { handsetCommands } from './handset.commands';

// What a phone maker runs: no database, no KEK, only the pages and the published keys.
@Module({ providers: [...handsetCommands] })
export class HandsetCliModule {}

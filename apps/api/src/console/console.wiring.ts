import type { Provider } from '@nestjs/common';
import { ConsoleEventsController, TICK_MS } from './console-events.controller';
import { SharedSnapshots } from './shared-snapshots';

export const consoleControllers = [ConsoleEventsController];

export const consoleProviders: Provider[] = [{ provide: SharedSnapshots, useFactory: () => new SharedSnapshots(TICK_MS) }];

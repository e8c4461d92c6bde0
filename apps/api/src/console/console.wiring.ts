import type { Provider } from '@nestjs/common';
import { ConsoleEventsController, TICK_MS } from './console-events.controller';
import { SharedSnapshots } from './shared-snapshots';
import { UplinkRoutesController } from './uplink-routes.controller';

export const consoleControllers = [ConsoleEventsController, UplinkRoutesController];

export const consoleProviders: Provider[] = [{ provide: SharedSnapshots, useFactory: () => new SharedSnapshots(TICK_MS) }];

import type { Provider, Type } from '@nestjs/common';

// What the sensors area adds to the API module.
export const sensorsControllers: Type<unknown>[] = [];
export const sensorsProviders: Provider[] = [];

import type { Provider, Type } from '@nestjs/common';

// What the auth area adds to the API module.
export const authControllers: Type<unknown>[] = [];
export const authProviders: Provider[] = [];

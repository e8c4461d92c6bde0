import type { Provider, Type } from '@nestjs/common';

// What the audit area adds to the API module.
export const auditControllers: Type<unknown>[] = [];
export const auditProviders: Provider[] = [];

import type { Type } from '@nestjs/common';

// Commands for sensors (issue 3): create, rotate the webhook secret, set the policy.
export const sensorCommands: Type<unknown>[] = [];

import type { Type } from '@nestjs/common';

// Commands for users (issue 3): create the first admin, create users, revoke tokens.
export const userCommands: Type<unknown>[] = [];

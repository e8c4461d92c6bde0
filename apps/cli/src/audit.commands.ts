import type { Type } from '@nestjs/common';

// Commands for the audit trail (issue 3): verify the chain, write a checkpoint.
export const auditCommands: Type<unknown>[] = [];

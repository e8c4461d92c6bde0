import { SetMetadata } from '@nestjs/common';
import type { Role } from '@faro/identity';

export const REQUIRED_ROLES = 'faro:roles';
// The principal needs at least one of these roles; otherwise 403 auth/forbidden.
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

import { SetMetadata } from '@nestjs/common';
import type { TokenScope } from '@faro/identity';

export const TOKEN_SCOPE = 'faro:token-scope';

// The scope an API token needs for a route, where the default (read for safe methods, admin for
// admin-only routes, write otherwise: see requiredTokenScope) is not the right one.
export const TokenScopeRequired = (scope: TokenScope) => SetMetadata(TOKEN_SCOPE, scope);

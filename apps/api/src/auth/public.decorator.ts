import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'faro:public';
// Read (and removed) by openapi/openapi-document.ts: a public operation has no security requirement.
export const PUBLIC_EXTENSION = 'x-faro-public';
// A route the session/token guard lets through (health, keys, docs, login; a sensor
// webhook authenticates by its own HMAC signature).
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'faro:public';
// A route the session/token guard lets through (health, keys, docs, login; a sensor
// webhook authenticates by its own HMAC signature).
export const Public = () => SetMetadata(IS_PUBLIC, true);

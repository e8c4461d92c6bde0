import { z } from 'zod';
import { ROLES, TOKEN_SCOPES } from '@faro/identity';

// The auth area's response schemas (user-view.ts and the routes' answers). The request schemas
// stay beside their routes, which validate with them and hand them to @Body({ schema }).

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    jurisdictionId: z.string(),
    disabled: z.boolean(),
    totp: z.enum(['none', 'pending', 'enrolled']),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User', description: 'A user: never a hash, a secret or a login counter' });

export const loginResponseSchema = z.object({
  user: userSchema,
  csrfToken: z.string().meta({ description: 'Send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE of this session' }),
  expiresAt: z.iso.datetime(),
  idleTimeoutSeconds: z.number().int(),
  totpEnrollmentRequired: z.literal(true).optional(),
});

export const meResponseSchema = z.object({
  user: userSchema,
  authenticatedBy: z.enum(['session', 'api-token']),
  csrfToken: z.string().optional().meta({ description: 'For a session: its CSRF token again (after a page reload)' }),
  totpEnrollmentRequired: z.literal(true).optional(),
});

export const totpEnrollmentSchema = z.object({ secret: z.string().meta({ description: 'Base32, shown this once' }), uri: z.string().meta({ description: 'otpauth:// URI for a QR code' }) });

export const userEnvelopeSchema = z.object({ user: userSchema });

export const userCreatedSchema = z.object({ user: userSchema, password: z.string().optional().meta({ description: 'The generated password, shown this once (when none was given)' }) });

export const userListSchema = z.object({ items: z.array(userSchema) });

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)).meta({ description: 'read, write (draft, edit, submit), release (approve and release), admin' }),
    secondFactor: z.enum(['none', 'totp']).meta({ description: 'Whether it was made with a proven TOTP second factor (release and admin need it)' }),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken', description: 'An API token record (never the token itself)' });

export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string().meta({ description: 'Send as Authorization: Bearer <token>; shown this once' }) });

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

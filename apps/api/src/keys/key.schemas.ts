import { z } from 'zod';

// The key routes' schemas.

export const rotationReasonBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();

export const jwksSchema = z.object({
  keys: z.array(
    z.object({
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string().meta({ description: 'The public key, base64url' }),
      kid: z.string().meta({ description: 'Key id, 8 hex digits, as in the FS1 signature page' }),
      use: z.literal('sig'),
      alg: z.literal('EdDSA'),
    }),
  ),
});

const kid = z.string().meta({ description: 'Key id in hex' });

export const signingKeyRotationSchema = z.object({ kid, previousKid: kid.nullable(), retiredKid: kid.nullable() });

export const gatewayKeyRotationSchema = z.object({ gatewayId: z.string(), kid, previousKid: kid.nullable(), retiredKid: kid.nullable() });

export const gatewayKeyListSchema = z.object({
  gateways: z.array(z.object({ id: z.string(), kind: z.enum(['satellite', 'terrestrial']), activeKid: kid.nullable(), previousKid: kid.nullable(), activeSince: z.iso.datetime().nullable() })),
});

export const signingKeyListSchema = z.object({
  keys: z.array(z.object({ kid, status: z.enum(['active', 'previous', 'retired']), createdAt: z.iso.datetime(), retiredAt: z.iso.datetime().nullable() })).meta({ description: 'Newest first: the active key, the previous one (both in the JWKS) and the last retired ones' }),
});

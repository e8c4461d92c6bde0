import { z } from 'zod';

// The restricted-audience routes' schemas: the request schemas validate (audiences.controller.ts)
// and document; the response schemas describe the answers.

export const handsetBody = z.object({ id: z.string(), label: z.string(), publicKey: z.string().meta({ description: 'X25519, raw 32 octets, base64url' }), jurisdictionId: z.string().optional() }).strict();
export const groupBody = z.object({ id: z.string(), name: z.string(), jurisdictionId: z.string().optional() }).strict();
export const memberBody = z.object({ handsetId: z.string() }).strict();
export const reasonBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
export const revokeBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const handsetRegisteredSchema = z.object({ id: z.string(), label: z.string(), jurisdictionId: z.string(), registeredAt: z.iso.datetime() });

export const handsetListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      publicKey: z.string(),
      jurisdictionId: z.string(),
      registeredBy: z.string(),
      registeredAt: z.string(),
      revokedAt: z.string().nullable(),
      groups: z.array(z.string()),
    }),
  ),
});

export const keyBundlesSchema = z.object({
  handsetId: z.string(),
  bundles: z.array(
    z.object({
      v: z.number().int(),
      suite: z.string(),
      handsetId: z.string(),
      groupId: z.string(),
      keyId: z.number().int(),
      issuedAt: z.string(),
      enc: z.string().meta({ description: 'base64url, 32 octets' }),
      ciphertext: z.string().meta({ description: 'base64url, 32 + 16 octets' }),
    }),
  ),
});

export const groupKeyRotationSchema = z
  .object({ groupId: z.string(), keyId: z.number().int(), previousKeyId: z.number().int().nullable(), bundles: z.number().int().meta({ description: 'Handsets a bundle of the new key was sealed to' }) })
  .meta({ id: 'GroupKeyRotation' });

export const handsetRevokedSchema = z.object({ handsetId: z.string(), rotations: z.array(groupKeyRotationSchema) });

export const groupCreatedSchema = z.object({ id: z.string(), name: z.string(), jurisdictionId: z.string(), activeKeyId: z.number().int(), members: z.array(z.string()) });

export const groupListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      jurisdictionId: z.string(),
      createdBy: z.string(),
      createdAt: z.string(),
      activeKeyId: z.number().int().nullable(),
      activeKeySince: z.string().nullable(),
      members: z.array(z.string()),
    }),
  ),
});

export const memberAddedSchema = z.object({ groupId: z.string(), keyId: z.number().int() });

import { z } from 'zod';

// The web-push routes' schemas. The body is what a browser's PushSubscription.toJSON() gives.
export const pushSubscriptionBody = z
  .object({
    endpoint: z.string().min(1).max(2048).meta({ description: "The push service's URL for this browser (https)" }),
    expirationTime: z.number().nullable().optional().meta({ description: 'As the browser gives it; not used' }),
    keys: z
      .object({
        p256dh: z.string().min(1).max(200).meta({ description: "The browser's P-256 public key, uncompressed, base64url (RFC 8291)" }),
        auth: z.string().min(1).max(100).meta({ description: 'The 16-octet authentication secret, base64url (RFC 8291)' }),
      })
      .strict(),
  })
  .strict();

export const vapidPublicKeySchema = z.object({
  publicKey: z.string().meta({ description: "The platform's VAPID public key (RFC 8292), uncompressed P-256 point, base64url: PushManager.subscribe's applicationServerKey" }),
});

export const pushSubscriptionSchema = z.object({ id: z.uuid(), endpoint: z.string(), createdAt: z.iso.datetime() });

export const pushSubscriptionListSchema = z.object({ items: z.array(pushSubscriptionSchema) });

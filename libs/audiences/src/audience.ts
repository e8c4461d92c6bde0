import type { GroupKeyBundle } from '@faro/broadcast-security';

// A phone (or radio) that may read restricted broadcasts: it proves nothing by itself; an
// administrator registers its X25519 public key, and group key bundles are sealed to that key.
export interface Handset {
  id: string;
  label: string;
  publicKey: Uint8Array; // raw 32-octet X25519
  jurisdictionId: string;
  registeredBy: string;
  registeredAt: Date;
  revokedAt: Date | null;
}

// A named restricted audience: responders of a region, officials, naval units. Its messages are
// sealed under its one active content key.
export interface AudienceGroup {
  id: string;
  name: string;
  jurisdictionId: string;
  createdBy: string;
  createdAt: Date;
}

export interface StoredBundle {
  keyId: number;
  handsetId: string;
  bundle: GroupKeyBundle;
}

// Ids are what an operator types and what goes into URLs and audit lines.
export const AUDIENCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

import type { DataSource } from 'typeorm';
import { keyIdHex } from '@faro/broadcast-security';

export interface SigningKeySummary {
  kid: string;
  status: 'active' | 'previous' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
}

// The signing keys' public metadata, newest first: the active and previous keys (the JWKS) and
// the last few retired ones, for an administrator to see what a rotation did.
export async function listSigningKeys(ds: DataSource, retiredShown = 5): Promise<SigningKeySummary[]> {
  const rows: Array<{ key_id: string; status: SigningKeySummary['status']; created_at: Date; retired_at: Date | null }> = await ds.query(
    `(SELECT key_id, status, created_at, retired_at FROM signing_keys WHERE status <> 'retired')
     UNION ALL
     (SELECT key_id, status, created_at, retired_at FROM signing_keys WHERE status = 'retired' ORDER BY retired_at DESC NULLS LAST LIMIT $1)
     ORDER BY created_at DESC`,
    [retiredShown],
  );
  return rows.map((r) => ({ kid: keyIdHex(Number(r.key_id)), status: r.status, createdAt: r.created_at, retiredAt: r.retired_at ?? null }));
}

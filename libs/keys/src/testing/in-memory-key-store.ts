import type { WrappedSecret } from '@faro/broadcast-security';
import type { KeyAuditEntry, KeyStore, KeyTransaction, StoredWrappedSecret } from '../ports';
import { WRAPPED_SECRET_KINDS, type WrappedSecretOwner } from '../wrap-contexts';

type Status = 'active' | 'previous' | 'retired';

export interface MemorySigningKey {
  keyId: number;
  publicKey: Uint8Array;
  privateKeyWrapped: WrappedSecret;
  status: Status;
  createdAt: Date;
}

export interface MemoryGatewayKey {
  gatewayId: string;
  kid: string;
  publicKey: Uint8Array;
  status: Status;
  createdAt: Date;
  // The simulated gateway's private half; gone once the key retires.
  privateKeyWrapped: WrappedSecret | null;
}

// A KeyStore for unit specs: rows in memory, one transaction at a time, rolled back when the work
// throws (as PostgreSQL would). Rows are stamped with `now()`, the store's own clock, as the SQL
// adapter stamps them with the database's. `secrets` holds the wrapped secrets of other kinds
// (sensor, TOTP, group, VAPID) for the rewrap; signing and gateway keys are read from their rows.
export class InMemoryKeyStore implements KeyStore {
  signingKeys: MemorySigningKey[] = [];
  gateways = new Set<string>();
  gatewayKeys: MemoryGatewayKey[] = [];
  secrets: StoredWrappedSecret[] = [];
  trail: KeyAuditEntry[] = [];
  now: () => Date = () => new Date('2026-12-06T10:00:00.000Z');
  // Called before a wrapped secret is replaced; a spec uses it to change the row meanwhile.
  beforeReplace?: (secret: StoredWrappedSecret) => void;

  async transaction<T>(work: (tx: KeyTransaction) => Promise<T>): Promise<T> {
    const saved = this.snapshot();
    try {
      return await work(this.tx());
    } catch (e) {
      Object.assign(this, saved);
      throw e;
    }
  }

  async gatewayIds(): Promise<string[]> {
    return [...this.gateways].sort();
  }

  async gatewaysWithKeysOlderThan(before: Date): Promise<string[]> {
    return this.gatewayKeys
      .filter((k) => k.status === 'active' && k.createdAt < before)
      .map((k) => k.gatewayId)
      .sort();
  }

  async secretsNotUnder(kekId: string): Promise<StoredWrappedSecret[]> {
    const all: StoredWrappedSecret[] = [
      ...this.signingKeys.map((k) => ({ owner: { kind: 'signingKeys' as const, keyId: k.keyId }, wrapped: k.privateKeyWrapped })),
      ...this.gatewayKeys
        .filter((k) => k.privateKeyWrapped)
        .map((k) => ({ owner: { kind: 'gatewayKeys' as const, gatewayId: k.gatewayId, kid: k.kid, legacyContext: false }, wrapped: k.privateKeyWrapped! })),
      ...this.secrets,
    ];
    return all.filter((s) => s.wrapped.kekId !== kekId).sort((a, b) => WRAPPED_SECRET_KINDS.indexOf(a.owner.kind) - WRAPPED_SECRET_KINDS.indexOf(b.owner.kind));
  }

  async replaceWrappedSecret(secret: StoredWrappedSecret, rewrapped: WrappedSecret): Promise<boolean> {
    this.beforeReplace?.(secret);
    const { owner } = secret;
    if (owner.kind === 'signingKeys') {
      const k = this.signingKeys.find((r) => r.keyId === owner.keyId);
      if (!k || !sameWrap(k.privateKeyWrapped, secret.wrapped)) return false;
      k.privateKeyWrapped = rewrapped;
      return true;
    }
    if (owner.kind === 'gatewayKeys') {
      const k = this.gatewayKeys.find((r) => r.gatewayId === owner.gatewayId && r.kid === owner.kid);
      if (!k?.privateKeyWrapped || !sameWrap(k.privateKeyWrapped, secret.wrapped)) return false;
      k.privateKeyWrapped = rewrapped;
      return true;
    }
    const i = this.secrets.findIndex((s) => sameOwner(s.owner, owner) && sameWrap(s.wrapped, secret.wrapped));
    if (i < 0) return false;
    this.secrets[i] = { owner, wrapped: rewrapped };
    return true;
  }

  private snapshot() {
    return {
      signingKeys: this.signingKeys.map((k) => ({ ...k })),
      gateways: new Set(this.gateways),
      gatewayKeys: this.gatewayKeys.map((k) => ({ ...k })),
      secrets: [...this.secrets],
      trail: [...this.trail],
    };
  }

  private tx(): KeyTransaction {
    const gatewayKey = (gatewayId: string, status: Status) => this.gatewayKeys.find((k) => k.gatewayId === gatewayId && k.status === status);
    return {
      lockSigningKeys: async () => {},
      activeSigningKey: async () => {
        const k = this.signingKeys.find((r) => r.status === 'active');
        return k ? { keyId: k.keyId, createdAt: k.createdAt } : null;
      },
      retirePreviousSigningKey: async () => {
        const k = this.signingKeys.find((r) => r.status === 'previous');
        if (!k) return null;
        k.status = 'retired';
        return k.keyId;
      },
      demoteActiveSigningKey: async () => {
        for (const k of this.signingKeys) if (k.status === 'active') k.status = 'previous';
      },
      insertActiveSigningKey: async (k) => {
        if (this.signingKeys.some((r) => r.status === 'active')) throw new Error('a second active signing key');
        this.signingKeys.push({ ...k, status: 'active', createdAt: this.now() });
      },
      lockGateway: async (gatewayId) => this.gateways.has(gatewayId),
      gatewayKey: async (gatewayId, status) => {
        const k = gatewayKey(gatewayId, status);
        return k ? { kid: k.kid, createdAt: k.createdAt } : null;
      },
      retireGatewayKey: async (gatewayId, kid) => {
        const k = this.gatewayKeys.find((r) => r.gatewayId === gatewayId && r.kid === kid);
        if (k) Object.assign(k, { status: 'retired', privateKeyWrapped: null });
      },
      demoteActiveGatewayKey: async (gatewayId) => {
        const k = gatewayKey(gatewayId, 'active');
        if (k) k.status = 'previous';
      },
      insertActiveGatewayKey: async (k) => {
        if (gatewayKey(k.gatewayId, 'active')) throw new Error(`a second active key for gateway ${k.gatewayId}`);
        this.gatewayKeys.push({ ...k, status: 'active', createdAt: this.now() });
      },
      audit: async (entry) => void this.trail.push(entry),
    };
  }
}

const sameWrap = (a: WrappedSecret, b: WrappedSecret) => JSON.stringify(a) === JSON.stringify(b);
const sameOwner = (a: WrappedSecretOwner, b: WrappedSecretOwner) => JSON.stringify(a) === JSON.stringify(b);

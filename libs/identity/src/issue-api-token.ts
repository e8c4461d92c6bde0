import { randomUUID } from 'node:crypto';
import { IdentityError } from './identity-error';
import type { ApiToken, ApiTokenStore, Clock } from './ports';
import { actorRef, type Principal } from './principal';
import { grantedScopes, type SecondFactorProof, type TokenScope } from './token-scopes';
import { hashToken, newOpaqueToken } from './tokens';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export interface IssueApiTokenCommand {
  userId: string;
  name: string;
  expiresInDays?: number;
  // Default: read and write. Release and admin need secondFactor 'totp'.
  scopes?: readonly TokenScope[];
  // What the creator proved: a session of a TOTP-enrolled user, or a code checked by ProveTotp.
  secondFactor: SecondFactorProof;
  by: Principal;
}

// A bearer token acting as the user (roles and jurisdiction read afresh on every use). The
// token itself is returned once; only its hash is kept.
export class IssueApiToken {
  constructor(
    private readonly tokens: ApiTokenStore,
    private readonly clock: Clock,
  ) {}

  async run(cmd: IssueApiTokenCommand): Promise<{ token: string; record: ApiToken }> {
    const name = cmd.name.trim();
    if (name.length === 0 || name.length > 100) throw new IdentityError('auth/invalid-request', 'A token name has 1 to 100 characters', '/name');
    const days = cmd.expiresInDays ?? DEFAULT_TOKEN_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
      throw new IdentityError('auth/invalid-request', `A token lives 1 to ${MAX_TOKEN_DAYS} days`, '/expiresInDays');
    }
    const scopes = grantedScopes(cmd.scopes, cmd.secondFactor);
    const now = this.clock.now();
    const token = newOpaqueToken();
    const record: ApiToken = {
      id: randomUUID(),
      userId: cmd.userId,
      name,
      scopes,
      secondFactor: cmd.secondFactor,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.tokens.insert(
      { id: record.id, tokenHash: hashToken(token), userId: record.userId, name, scopes, secondFactor: cmd.secondFactor, createdAt: now, expiresAt: record.expiresAt },
      {
        actor: actorRef(cmd.by),
        action: 'api-token.created',
        subjectType: 'api-token',
        subjectId: record.id,
        details: { userId: cmd.userId, name, scopes, secondFactor: cmd.secondFactor, expiresAt: record.expiresAt, ...(cmd.by.via ? { via: cmd.by.via } : {}) },
      },
    );
    return { token, record };
  }
}

export class RevokeApiToken {
  constructor(
    private readonly tokens: ApiTokenStore,
    private readonly clock: Clock,
  ) {}

  async run(tokenId: string, userId: string, by: Principal): Promise<void> {
    const revoked = await this.tokens.revoke(tokenId, userId, this.clock.now(), {
      actor: actorRef(by),
      action: 'api-token.revoked',
      subjectType: 'api-token',
      subjectId: tokenId,
      details: { userId },
    });
    if (!revoked) throw new IdentityError('auth/not-found', `No active token ${tokenId}`);
  }
}

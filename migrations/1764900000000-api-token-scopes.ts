import { MigrationInterface, QueryRunner } from 'typeorm';

// What an API token may do (docs/architecture.md, "What a token may do"). Tokens made before
// scopes existed keep read and write only: releasing, approving and administering need a token
// made with a proven second factor.
export class ApiTokenScopes1764900000000 implements MigrationInterface {
  name = 'ApiTokenScopes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{read,write}'`);
    await q.query(`ALTER TABLE api_tokens ADD COLUMN second_factor text NOT NULL DEFAULT 'none' CHECK (second_factor IN ('none', 'totp'))`);
    await q.query(`ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_known CHECK (scopes <@ '{read,write,release,admin}'::text[] AND cardinality(scopes) > 0)`);
    await q.query(`ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_privileged_need_totp CHECK (second_factor = 'totp' OR NOT (scopes && '{release,admin}'::text[]))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_tokens DROP CONSTRAINT IF EXISTS api_tokens_privileged_need_totp`);
    await q.query(`ALTER TABLE api_tokens DROP CONSTRAINT IF EXISTS api_tokens_scopes_known`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN IF EXISTS second_factor`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN IF EXISTS scopes`);
  }
}

// Every connection Faro opens is bounded, so an unreachable, restarting or frozen PostgreSQL
// turns into a prompt error (the API answers 503) rather than a call that hangs.
export interface DatabaseTimeouts {
  connectMs: number;
  // 0: no statement_timeout (migrations and seeding, whose index builds and COPY may run long).
  statementMs: number;
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5000, statementMs: 30000, idleInTransactionMs: 60000 };

// The client-side bound waits a little longer than the server's statement_timeout, so a server
// that answers reports its own 57014; one that cannot answer (frozen, partitioned) is given up
// by the client. A timed-out query is never followed by COMMIT: pg queues the transaction's
// next statement behind it, and TypeORM rolls back on the error.
const CLIENT_GRACE_MS = 1000;

export interface PgTimeoutOptions {
  connectionTimeoutMillis: number;
  statement_timeout?: number;
  query_timeout?: number;
  idle_in_transaction_session_timeout: number;
}

export function pgTimeoutOptions(t: DatabaseTimeouts): PgTimeoutOptions {
  return {
    connectionTimeoutMillis: t.connectMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    ...(t.statementMs > 0 ? { statement_timeout: t.statementMs, query_timeout: t.statementMs + CLIENT_GRACE_MS } : {}),
  };
}

export function databaseTimeoutsOf(c: {
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}): DatabaseTimeouts {
  return { connectMs: c.DATABASE_CONNECT_TIMEOUT_MS, statementMs: c.DATABASE_STATEMENT_TIMEOUT_MS, idleInTransactionMs: c.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS };
}

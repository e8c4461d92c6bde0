import { isDatabaseUnavailable } from './database-unavailable';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, a server shutting down or starting up, and a full server', () => {
    for (const code of ['ECONNREFUSED', '57P01', '57P03', '53300', '08006', '08001']) expect(isDatabaseUnavailable(coded(code))).toBe(true);
  });

  it('recognises the connect and query timeouts of node-postgres, which carry no code', () => {
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('looks through the driver error TypeORM wraps', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('QueryFailedError'), { driverError: coded('57014', 'canceling statement due to statement timeout') }))).toBe(true);
  });

  it('leaves constraint violations, syntax errors and domain errors alone', () => {
    for (const code of ['23505', '42601', 'alert/not-found']) expect(isDatabaseUnavailable(coded(code))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

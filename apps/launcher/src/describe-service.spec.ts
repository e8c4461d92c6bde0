import { describePostgresUrl, describeRedisUrl } from './describe-service';

describe('describePostgresUrl', () => {
  it('shows host, port and database but not the credentials', () => {
    expect(describePostgresUrl('postgres://faro:s3cret@db.example:6432/faro')).toBe('db.example:6432/faro');
  });

  it('names the default port when the URL leaves it out', () => {
    expect(describePostgresUrl('postgresql://db.example/faro')).toBe('db.example:5432/faro');
  });

  it('does not echo a URL it cannot parse, which may hold a password', () => {
    expect(describePostgresUrl('postgres://faro:s3cret@[bad')).toBe('(unparsable URL)');
  });
});

describe('describeRedisUrl', () => {
  it('shows host and port but not the password', () => {
    expect(describeRedisUrl('redis://:hunter2@cache.example:6380')).toBe('cache.example:6380');
  });

  it('says when the connection uses TLS and which database it selects', () => {
    expect(describeRedisUrl('rediss://cache.example/2')).toBe('TLS cache.example:6379/2');
  });
});

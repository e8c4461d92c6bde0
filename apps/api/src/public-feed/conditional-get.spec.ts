import { entityTag, httpDate, isNotModified } from './conditional-get';

describe('conditional GET of the public feed', () => {
  const etag = entityTag('<feed/>', '0000abcd');
  const lastModified = new Date('2026-12-06T10:00:00.400Z');

  it('gives a different tag when the body or the signing key differs', () => {
    expect(entityTag('<feed/>', '0000abcd')).toBe(etag);
    expect(entityTag('<feed />', '0000abcd')).not.toBe(etag);
    expect(entityTag('<feed/>', '0000abce')).not.toBe(etag);
  });

  it('answers 304 to a matching If-None-Match, weak or in a list, and to *', () => {
    expect(isNotModified({ 'if-none-match': etag }, { etag, lastModified })).toBe(true);
    expect(isNotModified({ 'if-none-match': `"other", W/${etag}` }, { etag, lastModified })).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, { etag, lastModified })).toBe(true);
    expect(isNotModified({ 'if-none-match': '"other"' }, { etag, lastModified })).toBe(false);
  });

  it('lets If-None-Match decide over If-Modified-Since', () => {
    expect(isNotModified({ 'if-none-match': '"other"', 'if-modified-since': httpDate(new Date('2030-01-01')) }, { etag, lastModified })).toBe(false);
  });

  it('answers 304 to If-Modified-Since at or after the last change, in whole seconds', () => {
    expect(isNotModified({ 'if-modified-since': httpDate(lastModified) }, { etag, lastModified })).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sun, 06 Dec 2026 09:59:59 GMT' }, { etag, lastModified })).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'yesterday' }, { etag, lastModified })).toBe(false);
    expect(isNotModified({ 'if-modified-since': httpDate(lastModified) }, { etag, lastModified: null })).toBe(false);
  });
});

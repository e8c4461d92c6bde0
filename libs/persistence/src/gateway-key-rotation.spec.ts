import type { DataSource } from 'typeorm';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { rotateGatewayKey } from './gateway-key-rotation';

// Found by the HTTP fuzz: POST /api/v1/keys/gateways/%00/rotate reached PostgreSQL, which refuses
// a NUL byte in text with an error, and the API answered 500.
describe('rotateGatewayKey', () => {
  it('refuses a gateway id with a NUL byte as not found, before touching the database or the KEK', async () => {
    const untouched = new Proxy({}, { get: () => { throw new Error('touched'); } });
    await expect(rotateGatewayKey(untouched as DataSource, untouched as KeyEncryptionPort, 'sat\u0000-1', 'on demand')).rejects.toMatchObject({
      code: 'gateway/not-found',
      message: 'No gateway "sat\\u0000-1"',
    });
  });
});

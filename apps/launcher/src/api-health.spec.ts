import { apiUrls } from './api-health';

describe('apiUrls', () => {
  it('asks loopback and offers localhost when the API binds every address', () => {
    expect(apiUrls('0.0.0.0', 3000)).toEqual({ health: 'http://127.0.0.1:3000/health', open: 'http://localhost:3000' });
    expect(apiUrls('::', 8080)).toEqual({ health: 'http://127.0.0.1:8080/health', open: 'http://localhost:8080' });
  });

  it('offers localhost for a loopback bind address', () => {
    expect(apiUrls('127.0.0.1', 3000)).toEqual({ health: 'http://127.0.0.1:3000/health', open: 'http://localhost:3000' });
    expect(apiUrls('::1', 3000)).toEqual({ health: 'http://[::1]:3000/health', open: 'http://localhost:3000' });
  });

  it('uses a specific bind address as it is, bracketing IPv6', () => {
    expect(apiUrls('10.0.0.5', 3000)).toEqual({ health: 'http://10.0.0.5:3000/health', open: 'http://10.0.0.5:3000' });
    expect(apiUrls('fd00::5', 3000)).toEqual({ health: 'http://[fd00::5]:3000/health', open: 'http://[fd00::5]:3000' });
  });
});

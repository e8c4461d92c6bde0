import { canEnter, readPasswdIds } from './embedded-postgres';

describe('readPasswdIds', () => {
  const passwd = [
    'root:x:0:0:root:/root:/bin/bash',
    'postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash',
    '',
  ].join('\n');

  it("finds the user's uid and gid", () => {
    expect(readPasswdIds(passwd, 'postgres')).toEqual({ uid: 101, gid: 104 });
  });

  it('answers nothing for a user who is not there', () => {
    expect(readPasswdIds(passwd, 'faro')).toBeUndefined();
  });

  it('does not take a user whose name only starts the same', () => {
    expect(readPasswdIds('postgres2:x:5:5::/:/bin/sh', 'postgres')).toBeUndefined();
  });
});

describe('canEnter', () => {
  const pg = { uid: 101, gid: 104 };

  it("lets other users through a 0755 directory but not a 0700 one such as /root", () => {
    expect(canEnter(0o755, 0, 0, pg)).toBe(true);
    expect(canEnter(0o700, 0, 0, pg)).toBe(false);
  });

  it('uses the owner bits for the owner and the group bits for the group', () => {
    expect(canEnter(0o700, 101, 0, pg)).toBe(true);
    expect(canEnter(0o750, 0, 104, pg)).toBe(true);
    expect(canEnter(0o705, 0, 104, pg)).toBe(false);
  });
});

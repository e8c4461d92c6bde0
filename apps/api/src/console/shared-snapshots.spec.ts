import { SharedSnapshots } from './shared-snapshots';

describe('SharedSnapshots', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => {
    t = 0;
  });

  it('computes once for every stream that asks within the window, and again after it', async () => {
    const shared = new SharedSnapshots(1000, now);
    let runs = 0;
    const compute = async () => ++runs;
    const answers = await Promise.all([shared.get('dashboard:IT-R19', compute), shared.get('dashboard:IT-R19', compute), shared.get('dashboard:IT-R19', compute)]);
    expect(answers).toEqual([1, 1, 1]);
    t = 999;
    expect(await shared.get('dashboard:IT-R19', compute)).toBe(1);
    t = 1000;
    expect(await shared.get('dashboard:IT-R19', compute)).toBe(2);
  });

  it('keeps territories apart', async () => {
    const shared = new SharedSnapshots(1000, now);
    expect(await shared.get('dashboard:IT-R19', async () => 'sicily')).toBe('sicily');
    expect(await shared.get('dashboard:IT-R10', async () => 'umbria')).toBe('umbria');
    expect(await shared.get('dashboard:IT-R19', async () => 'not computed')).toBe('sicily');
  });

  it('does not keep a failure: the next tick computes again', async () => {
    const shared = new SharedSnapshots(1000, now);
    await expect(shared.get('k', async () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await shared.get('k', async () => 'back')).toBe('back');
  });

  it('forgets the oldest keys past its bound', async () => {
    const shared = new SharedSnapshots(1000, now, 2);
    await shared.get('a', async () => 'a1');
    await shared.get('b', async () => 'b1');
    await shared.get('c', async () => 'c1');
    expect(await shared.get('a', async () => 'a2')).toBe('a2');
    expect(await shared.get('c', async () => 'c2')).toBe('c1');
  });
});

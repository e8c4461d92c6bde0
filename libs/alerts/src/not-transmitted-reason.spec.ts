import { notTransmittedReason } from './not-transmitted-reason';

describe('notTransmittedReason', () => {
  it('names why a queued cell of an alert leaving the air was never transmitted', () => {
    expect(['cancelling', 'cancelled', 'updated', 'expired'].map((s) => notTransmittedReason(s as 'cancelled'))).toEqual([
      'cancelled before transmission',
      'cancelled before transmission',
      'replaced before transmission',
      'expired before transmission',
    ]);
  });

  it('names any other state as it is', () => {
    expect(notTransmittedReason('done')).toBe('done before transmission');
  });
});

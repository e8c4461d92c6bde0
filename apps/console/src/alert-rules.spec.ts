import { canApprove, canReject, canSubmit, headlineOf, isDrill, percentOnAir } from './alert-rules';

const approver = { id: 'a1', roles: ['approver'] };
const pending = { msgType: 'Alert' as const, status: 'Actual' as const, state: 'pending_approval', drafter: { ref: 'user:o1' } };

describe('canApprove', () => {
  it("offers approval to an approver for someone else's pending alert", () => {
    expect(canApprove(approver, pending)).toBe(true);
  });

  it('never offers approval of your own alert or Update', () => {
    expect(canApprove({ id: 'o1', roles: ['operator', 'approver'] }, pending)).toBe(false);
    expect(canApprove({ id: 'o1', roles: ['approver'] }, { ...pending, msgType: 'Update' })).toBe(false);
  });

  it('offers your own Cancel, which only takes a warning off the air', () => {
    expect(canApprove({ id: 'o1', roles: ['approver'] }, { ...pending, msgType: 'Cancel' })).toBe(true);
  });

  it('offers nothing to an operator or for an alert not pending', () => {
    expect(canApprove({ id: 'x', roles: ['operator'] }, pending)).toBe(false);
    expect(canApprove(approver, { ...pending, state: 'active' })).toBe(false);
  });

  it('offers release of a draft, as the API records its drafter as the submitter', () => {
    expect(canApprove(approver, { ...pending, state: 'draft' })).toBe(true);
    expect(canApprove({ id: 'o1', roles: ['approver'] }, { ...pending, state: 'draft', msgType: 'Cancel' })).toBe(true);
  });
});

describe('canReject', () => {
  it('offers an approver rejection of any pending alert, their own included, and nothing else', () => {
    expect(canReject(approver, pending)).toBe(true);
    expect(canReject({ id: 'o1', roles: ['approver'] }, pending)).toBe(true);
    expect(canReject({ id: 'x', roles: ['operator'] }, pending)).toBe(false);
    expect(canReject(approver, { ...pending, state: 'approved' })).toBe(false);
  });
});

describe('percentOnAir', () => {
  it('rounds down so 100 % means every cell', () => {
    expect(percentOnAir(999, 1000)).toBe(99);
    expect(percentOnAir(1000, 1000)).toBe(100);
    expect(percentOnAir(0, 0)).toBe(0);
  });
});

describe('isDrill and headlineOf', () => {
  it('treats Exercise and Test as drills', () => {
    expect([isDrill({ status: 'Exercise' }), isDrill({ status: 'Test' }), isDrill({ status: 'Actual' })]).toEqual([true, true, false]);
  });

  it("picks the headline in the console's language, else the first", () => {
    const langs = [{ language: 'it-IT', headline: 'Terremoto', text: 't' }, { language: 'en-GB', headline: 'Earthquake', text: 't' }];
    expect(headlineOf(langs, 'en')).toBe('Earthquake');
    expect(headlineOf(langs, 'de')).toBe('Terremoto');
  });
});

describe('canSubmit', () => {
  it('offers an operator submission of a draft only', () => {
    const draft = { ...pending, state: 'draft' };
    expect([canSubmit({ id: 'o1', roles: ['operator'] }, draft), canSubmit(approver, draft), canSubmit({ id: 'o1', roles: ['operator'] }, pending)]).toEqual([true, false, false]);
  });
});

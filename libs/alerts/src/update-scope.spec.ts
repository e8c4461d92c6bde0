import { geographicalScope, updateScope } from './update-scope';

describe('geographicalScope (TS 23.041 §9.4.1.2.1)', () => {
  it('is cell wide with immediate display (0) for a level-1 alert or an extreme and immediate one', () => {
    expect(geographicalScope({ severity: 'Extreme', urgency: 'Immediate', level1: false })).toBe(0);
    expect(geographicalScope({ severity: 'Minor', urgency: 'Future', level1: true })).toBe(0);
  });

  it('displays normally (3) otherwise', () => {
    expect(geographicalScope({ severity: 'Extreme', urgency: 'Expected', level1: false })).toBe(3);
    expect(geographicalScope({ severity: 'Severe', urgency: 'Immediate', level1: false })).toBe(3);
  });
});

describe('updateScope', () => {
  it("keeps the updated message's scope while the identifier is the same, so a handset matches the Update", () => {
    expect(updateScope({ messageIdentifier: 4371, geographicalScope: 3 }, 4371, 0)).toBe(3);
  });

  it('takes its own scope on another identifier, where no handset could match it anyway', () => {
    expect(updateScope({ messageIdentifier: 4371, geographicalScope: 3 }, 4375, 0)).toBe(0);
  });
});

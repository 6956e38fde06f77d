import { describe, expect, it } from 'vitest';
import { cycleThrough, describeCycle } from './hierarchy.ts';

describe('team hierarchy', () => {
  it('allows a parent whose chain does not contain the team', () => {
    expect(cycleThrough('payments', ['platform', 'engineering'])).toBeNull();
    expect(cycleThrough('payments', [])).toBeNull();
  });

  it('finds the loop a move would make, from the team back to itself', () => {
    // engineering ← platform ← payments; making payments the parent of engineering loops.
    expect(cycleThrough('engineering', ['payments', 'platform', 'engineering'])).toEqual([
      'engineering',
      'payments',
      'platform',
      'engineering',
    ]);
    expect(cycleThrough('platform', ['platform'])).toEqual(['platform', 'platform']);
  });

  it('says what was wrong and what to do', () => {
    expect(describeCycle('platform', 'platform', ['platform', 'platform'])).toBe(
      'team platform cannot be its own parent',
    );
    expect(
      describeCycle('engineering', 'payments', ['engineering', 'payments', 'platform', 'engineering']),
    ).toBe(
      'team engineering cannot have payments as its parent: the hierarchy would loop (engineering → payments → platform → engineering); choose a parent that is not beneath engineering',
    );
  });
});

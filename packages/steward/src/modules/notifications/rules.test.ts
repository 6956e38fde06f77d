import { describe, expect, it } from 'vitest';
import { durationMs, effectiveRules, planDeliveries } from './rules.ts';

const hook = { id: 'm-hook', type: 'webhook' as const };
const mail = { id: 'm-mail', type: 'email' as const };
const chat = { id: 'm-chat', type: 'slack' as const };

describe('notification rules', () => {
  it('without rules: high urgency at once on every method, low urgency at once by email only', () => {
    const rules = effectiveRules(undefined, [hook, mail, chat]);
    expect(rules).toEqual({
      source: 'default',
      high: [
        { after: 'PT0M', contactMethod: 'm-hook' },
        { after: 'PT0M', contactMethod: 'm-mail' },
        { after: 'PT0M', contactMethod: 'm-chat' },
      ],
      low: [{ after: 'PT0M', contactMethod: 'm-mail' }],
    });
    expect(planDeliveries(rules, 'low')).toEqual([{ methodId: 'm-mail', delayMs: 0, key: 'm-mail' }]);
  });

  it('own rules apply as set, leaving out rules whose method was removed', () => {
    const own = {
      high: [
        { after: 'PT0M', contactMethod: 'm-hook' },
        { after: 'PT5M', contactMethod: 'm-gone' },
      ],
      low: [],
    };
    expect(effectiveRules(own, [hook, mail])).toEqual({
      source: 'own',
      high: [{ after: 'PT0M', contactMethod: 'm-hook' }],
      low: [],
    });
  });

  it('plans one delivery per method and delay, keyed by method, then method and delay', () => {
    const rules = effectiveRules(
      {
        high: [
          { after: 'PT0M', contactMethod: 'm-hook' },
          { after: 'PT5M', contactMethod: 'm-hook' },
          { after: 'PT0M', contactMethod: 'm-hook' },
          { after: 'PT1H30M', contactMethod: 'm-mail' },
        ],
        low: [],
      },
      [hook, mail],
    );
    expect(planDeliveries(rules, 'high')).toEqual([
      { methodId: 'm-hook', delayMs: 0, key: 'm-hook' },
      { methodId: 'm-hook', delayMs: 300_000, key: 'm-hook:300000' },
      { methodId: 'm-mail', delayMs: 5_400_000, key: 'm-mail' },
    ]);
    expect(planDeliveries(rules, 'low')).toEqual([]);
  });

  it('reads ISO 8601 durations of days to seconds', () => {
    expect(durationMs('PT0M')).toBe(0);
    expect(durationMs('PT45S')).toBe(45_000);
    expect(durationMs('P1DT2H')).toBe(26 * 3_600_000);
    expect(() => durationMs('P1W')).toThrow(/ISO 8601/);
  });
});

// Who owns many alerts at once, by the labels that decide: on the shop fixture (equality, regex, `!=`
// and `!~` matchers, and naming conventions), every answer is the one `who-owns` gives about the
// alert's whole label set, alerts alike in the deciding labels share one answer, and a change to the
// index is seen at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../platform/seeded-random.ts';
import type { CatalogEntity } from '../../catalog/index.ts';
import { alertThing, whoOwnsAlerts } from './alert-owners.ts';
import { loadShop, type Shop } from './fixture.test-support.ts';
import { addEntity, removeEntity } from './index-entries.ts';

let shop: Shop;
beforeAll(async () => {
  shop = await loadShop();
});

/** Labels drawn from what the shop's matchers and conventions read, and from what they do not. */
function randomLabels(random: () => number): Record<string, string> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const values: Record<string, string[]> = {
    service: ['cart', 'payments', 'pay-eu', 'xpayments', 'checkout', 'edge', ''],
    severity: ['critical', 'info', 'warning'],
    env: ['prod', 'dev', 'test', 'staging'],
    team: ['edge', 'payments'],
    job: ['checkout', 'cart', 'node'],
    app: ['cart', 'web'],
    sloth_service: ['checkout'],
    instance: ['10.0.0.1:9100', '10.0.0.2:9100'],
    pod: ['web-1', 'web-2'],
    alertname: ['HighErrorRate', 'PaymentsDown'],
  };
  const labels: Record<string, string> = {};
  for (const [name, options] of Object.entries(values)) if (random() < 0.45) labels[name] = pick(options);
  return labels;
}

describe('who owns alerts by the labels that decide', () => {
  it('answers as who-owns does about the whole label set, for 2,000 random alerts', () => {
    const random = seededRandom(7);
    const labelSets = Array.from({ length: 2000 }, () => randomLabels(random)).filter(
      (labels) => Object.keys(labels).length > 0,
    );
    const answers = whoOwnsAlerts(labelSets, shop.index);
    let owned = 0;
    for (const [i, labels] of labelSets.entries()) {
      const whole = shop.ask(alertThing(labels));
      const { answer } = answers[i] as (typeof answers)[number];
      expect(answer.owners, alertThing(labels)).toEqual(whole.owners);
      expect(answer.decidedBy, alertThing(labels)).toEqual(whole.decidedBy);
      expect(answer.owned).toBe(whole.owned);
      if (whole.owned) owned++;
    }
    // The draw reaches every kind of answer: owned by a matcher, by a convention, and by nobody.
    expect(owned).toBeGreaterThan(200);
    expect(owned).toBeLessThan(labelSets.length - 200);
    const sources = new Set(answers.map(({ answer }) => answer.decidedBy?.source ?? 'nobody'));
    expect([...sources].sort()).toEqual(['label-convention', 'nobody', 'selector']);
  });

  it('names the deciding labels in its question, and alerts alike in them share one answer', () => {
    const [first, second, other] = whoOwnsAlerts(
      [
        { alertname: 'PaymentsDown', service: 'payments', instance: 'a', severity: 'critical' },
        { service: 'payments', instance: 'b', severity: 'critical', alertname: 'PaymentsDown' },
        { service: 'payments', instance: 'a', severity: 'info', alertname: 'PaymentsDown' },
      ],
      shop.index,
    );
    // alertname and instance are read by no matcher and no convention of the shop.
    expect(first?.thing).toBe('alert:{service="payments",severity="critical"}');
    expect(second).toBe(first);
    expect(first?.answer.decidedBy?.entity).toBe('service:default/payments-api');
    expect(other?.thing).toBe('alert:{service="payments",severity="info"}');
    expect(other?.answer.owned).toBe(false);
  });

  it('says nobody about an alert with no deciding label, naming all its labels', () => {
    const [answer] = whoOwnsAlerts([{ alertname: 'Watchdog', instance: 'x' }], shop.index);
    expect(answer?.thing).toBe('alert:{alertname="Watchdog",instance="x"}');
    expect(answer?.answer.owned).toBe(false);
    expect(answer?.answer.explanation).toContain('{alertname="Watchdog",instance="x"}');
  });

  it('sees an entity added or removed at once, and a label its matcher names starts to decide', () => {
    const labels = { region: 'eu', alertname: 'DiskFull' };
    expect(whoOwnsAlerts([labels], shop.index)[0]?.answer.owned).toBe(false);
    const storage: CatalogEntity = {
      ref: 'component:default/storage',
      apiVersion: 'steward.dev/v1',
      kind: 'Component',
      namespace: 'default',
      name: 'storage',
      metadata: { name: 'storage', namespace: 'default' },
      spec: { selectors: { alerts: { matchers: ['region="eu"'] } } },
      owners: [
        { ref: 'group:default/payments', role: 'primary', position: { file: 'f', line: 1, column: 1 } },
      ],
      relations: [],
      source: { file: 'storage.yaml', line: 1, column: 1, document: 0 },
    } as CatalogEntity;
    addEntity(shop.index, storage);
    try {
      const [now] = whoOwnsAlerts([labels], shop.index);
      expect(now?.thing).toBe('alert:{region="eu"}');
      expect(now?.answer.decidedBy?.entity).toBe('component:default/storage');
    } finally {
      removeEntity(shop.index, storage.ref);
    }
    const [after] = whoOwnsAlerts([labels], shop.index);
    expect(after?.answer.owned).toBe(false);
    expect(shop.index.alertLabels.has('region')).toBe(false);
  });
});

// Hostile patterns from outside: a catalog uploaded to the running server with a matcher written to
// backtrack, then a who-owns question with a 10,000-character label, while /livez must keep
// answering; and `steward codeowners match` on a file with a line written to backtrack. The bounds
// are generous on purpose: the failure they guard against takes V8 years, not a second too many.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../platform/db/test-engines.ts';
import { startTestSteward, type TestSteward } from '../identity/test-org.ts';

const long = 'a'.repeat(10_000);

const catalog = `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: steward.dev/v1
kind: Service
metadata: { name: greedy }
spec:
  lifecycle: production
  tier: 2
  owners: [{ ref: group:payments, role: primary }]
  selectors:
    alerts:
      matchers: ['service=~"(a+)+b"', 'env!~"(a|aa)*c"']
`;

describeEachEngine('who-owns with a matcher written to backtrack', ({ db }) => {
  let steward: TestSteward;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'hostile', files: [{ path: 'catalog-info.yaml', content: catalog }] },
    });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({ errorCount: 0 });
  });
  afterAll(async () => {
    await steward?.close();
  });

  const ask = async (labels: string) => {
    const query = new URLSearchParams({ thing: `alert:{${labels}}` });
    const response = await steward.call('GET', `/api/v1/who-owns?${query}`, { token: steward.adminToken });
    expect(response.statusCode).toBe(200);
    return response.json().items[0];
  };

  it('answers right and keeps /livez answering, for a label of 10,000 characters', async () => {
    // The index follows the store: wait until it holds the uploaded selector.
    await vi.waitFor(async () => expect((await ask('service="ab"')).owned).toBe(true));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const start = performance.now();
    const [missing, matching, livez] = await Promise.all([
      ask(`service="${long}",env="${long}"`),
      ask(`service="${long}b",env="${long}"`),
      steward.app.inject('/livez'),
    ]);
    delay.disable();
    expect(livez.statusCode).toBe(200);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(delay.max / 1e6, 'longest event-loop stall, ms').toBeLessThan(1_000);
    expect(missing.owned).toBe(false);
    expect(matching).toMatchObject({ owned: true, decidedBy: { entity: 'service:default/greedy' } });
  });
});

// For on-call's tests: Acme's payments team on call as code. A weekly schedule in Berlin (mia, then
// noah, handing off Mondays 09:00 wall time from 2026-01-05), a policy paging it then otto, and a
// service owned by payments.

export const paymentsSchedule = {
  apiVersion: 'steward.dev/v1',
  kind: 'Schedule',
  metadata: { name: 'payments-primary' },
  spec: {
    owner: 'group:payments',
    timeZone: 'Europe/Berlin',
    layers: [{ name: 'weekly', start: '2026-01-05T09:00', rotation: 'P1W', members: ['mia', 'user:noah'] }],
  },
};

export const paymentsPolicy = {
  apiVersion: 'steward.dev/v1',
  kind: 'EscalationPolicy',
  metadata: { name: 'payments' },
  spec: {
    owner: 'group:payments',
    repeat: 1,
    steps: [{ notify: ['schedule:payments-primary'], escalateAfter: 'PT15M' }, { notify: ['user:otto'] }],
  },
};

export const checkoutService = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

/** Creates the entities through the API as the admin, and waits until on-call has heard of them. */
/** What seeding needs of server/test-steward.ts's TestSteward (modules never import server/). */
interface Steward {
  adminToken: string;
  call(
    method: string,
    url: string,
    options: { token: string; body: unknown },
  ): Promise<{ statusCode: number; body: string }>;
  assembled: { events: { caughtUp(): Promise<void> } };
}

export async function seedOncall(
  steward: Steward,
  entities: unknown[] = [paymentsSchedule, paymentsPolicy, checkoutService],
) {
  for (const body of entities) {
    const created = await steward.call('POST', '/api/v1/entities', { token: steward.adminToken, body });
    if (created.statusCode !== 201)
      throw new Error(`creating an entity: ${created.statusCode} ${created.body}`);
  }
  await steward.assembled.events.caughtUp();
}

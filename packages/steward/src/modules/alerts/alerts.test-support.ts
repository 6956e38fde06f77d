// For alert tests: a small catalog (checkout owned by payments, ledger by search), integrations, and
// the recorded Alertmanager 0.25 payloads (copied from the shared fixtures, byte for byte).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const fixturesDir = join(import.meta.dirname, 'ingest', 'fixtures', 'alertmanager-0.25');

export interface Recorded {
  file: string;
  kind: 'webhook' | 'pagerduty';
  /** templated or default, for PagerDuty events. */
  receiver: 'templated' | 'default' | null;
  // biome-ignore lint/suspicious/noExplicitAny: the payloads are read as they were recorded.
  body: any;
}

/** Every recorded payload, in the order Alertmanager sent them. */
export function recordedPayloads(): Recorded[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      kind: file.includes('-webhook-') ? 'webhook' : 'pagerduty',
      receiver: file.includes('-templated-') ? 'templated' : file.includes('-default-') ? 'default' : null,
      body: JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')),
    }));
}

const doc = (kind: string, name: string, spec: string) =>
  `---\napiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

const catalog = [
  doc('Component', 'checkout', '  type: service\n  lifecycle: production\n  owner: group:payments\n'),
  doc('Component', 'ledger', '  type: service\n  lifecycle: production\n  owner: group:search\n'),
].join('');

/** What of the test harness (server/test-steward.ts) these helpers use. */
export interface Caller {
  call(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: as the harness answers it.
  ): Promise<{ statusCode: number; body: string; json(): any }>;
  // biome-ignore lint/suspicious/noExplicitAny: as the harness answers it.
  jobOf(response: any, token?: string): Promise<{ result: any }>;
}

/** Uploads checkout (payments) and ledger (search) as the admin. */
export async function uploadServices(steward: Caller, adminToken: string): Promise<void> {
  const upload = await steward.call('POST', '/api/v1/catalog/sources', {
    token: adminToken,
    body: { kind: 'upload', name: 'services', files: [{ path: 'catalog-info.yaml', content: catalog }] },
  });
  expect((await steward.jobOf(upload, adminToken)).result).toMatchObject({ errorCount: 0 });
}

/** Creates an integration as the admin; answers its id and key. */
export async function createIntegration(steward: Caller, adminToken: string, body: object) {
  const response = await steward.call('POST', '/api/v1/integrations', { token: adminToken, body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; key: string };
}

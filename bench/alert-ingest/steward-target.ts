// Steward as bench/alert-ingest runs it: `steward serve`, the binary an operator starts, in its own
// process (as Alertmanager is), with a catalog whose services own the bench's alerts by matcher, and
// an Alertmanager integration whose key the senders present on POST /api/v2/alerts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSteward } from '../../packages/steward/src/server/test-serve.ts';
import { scratchDatabase } from '../scratch-database.ts';
import type { IngestTarget } from './stream.ts';

const teams = 5;

/** Groups team-0… and services svc-0…, each owning the alerts labelled with its name. */
export function benchCatalog(services: number): string {
  const docs: string[] = [];
  for (let t = 0; t < teams; t++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-${t} }\nspec: { type: team, children: [] }\n`,
    );
  }
  for (let s = 0; s < services; s++) {
    docs.push(
      [
        'apiVersion: steward.dev/v1',
        'kind: Service',
        `metadata: { name: svc-${s} }`,
        'spec:',
        '  lifecycle: production',
        '  tier: 2',
        `  owners: [{ ref: group:team-${s % teams}, role: primary }]`,
        '  selectors:',
        '    alerts:',
        `      matchers: ['service="svc-${s}"']`,
        '',
      ].join('\n'),
    );
  }
  return docs.join('---\n');
}

export async function startStewardTarget(
  engine: 'pglite' | 'postgres',
  baseUrl: string | undefined,
  services: number,
): Promise<IngestTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-alert-ingest-'));
  writeFileSync(join(dir, 'catalog-info.yaml'), benchCatalog(services));
  const scratch = engine === 'postgres' ? await scratchDatabase(baseUrl as string) : undefined;
  const steward = await spawnSteward({
    databaseUrl: scratch?.url,
    args: ['--catalog', dir],
    env: { STEWARD_LOG_LEVEL: 'error' },
  });
  const stop = async () => {
    await steward.stop();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const admin = steward.adminToken();
    // The catalog is read by a job at start: wait until who-owns answers from it.
    for (let i = 0; ; i++) {
      const answer = await steward.call(
        'GET',
        `/api/v1/who-owns?thing=${encodeURIComponent('alert:{service="svc-0"}')}`,
        admin,
      );
      if (answer.ok && (await answer.json()).items[0]?.owned) break;
      if (i > 600) throw new Error('the bench catalog was not read within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const created = await steward.call('POST', '/api/v1/integrations', admin, {
      type: 'alertmanager',
      name: 'bench',
    });
    if (created.status >= 300) {
      throw new Error(`POST /api/v1/integrations: ${created.status} ${await created.text()}`);
    }
    const { key } = (await created.json()) as { key: string };
    return {
      name: `Steward (${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'})`,
      url: `${steward.url}/api/v2/alerts`,
      headers: { authorization: `Bearer ${key}` },
      async stored(run) {
        let count = 0;
        let cursor = '';
        do {
          const page = await steward.call(
            'GET',
            `/api/v1/alerts?limit=500${cursor && `&cursor=${cursor}`}`,
            admin,
          );
          if (page.status !== 200) throw new Error(`GET /api/v1/alerts: ${page.status} ${await page.text()}`);
          const body = (await page.json()) as {
            items: { labels: Record<string, string> }[];
            next: string | null;
          };
          const ours = body.items.filter((a) => a.labels.instance?.startsWith(`${run}-`)).length;
          count += ours;
          // Newest first, and runs follow one another: past the first alert of an earlier run,
          // every later page is older still.
          cursor = ours === body.items.length ? (body.next ?? '') : '';
        } while (cursor);
        return count;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

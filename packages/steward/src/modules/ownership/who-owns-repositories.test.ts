// Several repositories on one server: each source's CODEOWNERS governs its own repository only. Two
// real git work trees (git init + an origin remote), the first read as a directory source, the
// second imported while the server runs (cloned as a git source), then the server restarted on the
// same data. Expected owners are read off the CODEOWNERS texts below.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../platform/logging.ts';
import { type Assembled, assemble } from '../../server/compose.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { writeGitRepo } from './git-repo.test-support.ts';
import type { WhoOwnsAnswer } from './schemas.ts';

const group = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []
`;

describeEachEngine('who-owns across repositories', ({ db }) => {
  let shop: string;
  let infra: string;
  let dataDir: string;
  let assembled: Assembled | undefined;
  let headers: Record<string, string>;

  const start = async () => {
    assembled = await assemble({
      database: db(),
      logger: silentLogger(),
      config: {
        bodyLimit: 1024 * 1024,
        webDir: '/nonexistent',
        dataDir,
        catalogPaths: [shop],
        gitAllowLocal: true,
      },
    });
    await assembled.start();
    await assembled.app.ready();
    headers = { authorization: `Bearer ${readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()}` };
  };
  const stop = async () => {
    await assembled?.app.close();
    await assembled?.stop();
    assembled = undefined;
  };

  beforeAll(async () => {
    shop = writeGitRepo(
      {
        '.github/CODEOWNERS': '/services/ @acme/payments\n/web/ @acme/storefront\n',
        'catalog-info.yaml': `${group('payments')}---\n${group('storefront')}`,
      },
      'git@github.com:Acme/Shop.git',
    );
    infra = writeGitRepo(
      {
        CODEOWNERS: '/services/ @acme/infra\n/terraform/ @acme/infra\n',
        'catalog-info.yaml': group('infra'),
        'tools/dns/catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: dns\nspec:\n  type: service\n  lifecycle: production\n  owner: group:infra\n',
      },
      'https://github.com/acme/infra.git',
    );
    dataDir = mkdtempSync(join(tmpdir(), 'steward-who-owns-repos-'));
    await start();
  });

  afterAll(async () => {
    await stop();
    for (const dir of [dataDir, shop, infra]) rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (things: string[], repository?: string): Promise<WhoOwnsAnswer[]> => {
    const query = new URLSearchParams(things.map((thing) => ['thing', thing]));
    if (repository) query.set('repository', repository);
    const response = await assembled?.app.inject({ url: `/api/v1/who-owns?${query}`, headers });
    expect(response?.statusCode, response?.body).toBe(200);
    return response?.json().items;
  };

  const waitForJob = async (url: string) => {
    for (let i = 0; i < 400; i++) {
      const job = (await assembled?.app.inject({ url, headers }))?.json();
      if (job.state === 'succeeded') return;
      expect(job.state, job.lastError).not.toMatch(/dead|cancelled/);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`the job at ${url} did not finish`);
  };

  const askShop = () => ask(['services/checkout/main.go'], 'github.com/acme/shop');

  const expectShopAnswers = async () => {
    const [checkout] = await askShop();
    expect(checkout).toMatchObject({
      owned: true,
      repository: 'github.com/acme/shop',
      owners: [{ codeowner: '@acme/payments', ref: 'group:default/payments' }],
      decidedBy: { source: 'codeowners', file: '.github/CODEOWNERS', line: 1 },
    });
    const [viaThing] = await ask(['github.com/acme/shop:services/checkout/main.go']);
    expect(viaThing).toMatchObject({ owned: true, repository: 'github.com/acme/shop' });
    expect(viaThing?.owners[0]?.codeowner).toBe('@acme/payments');
  };

  it('answers for the one repository it knows, and names it', async () => {
    const [bare] = await ask(['services/checkout/main.go']);
    expect(bare).toMatchObject({ owned: true, repository: 'github.com/acme/shop' });
    expect(bare?.owners.map((o) => o.codeowner)).toEqual(['@acme/payments']);
    await expectShopAnswers();
  });

  it("importing a second repository leaves the first one's owners alone", async () => {
    const response = await assembled?.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/sources',
      headers,
      payload: { kind: 'git', url: infra },
    });
    expect(response?.statusCode, response?.body).toBe(202);
    await waitForJob(response?.headers.location as string);
    await assembled?.events.caughtUp();
    await expectShopAnswers();
    const [terraform] = await ask(['terraform/main.tf'], 'github.com/acme/infra');
    expect(terraform).toMatchObject({ owned: true, repository: 'github.com/acme/infra' });
    expect(terraform?.owners.map((o) => o.codeowner)).toEqual(['@acme/infra']);
    // Imported while the server runs: its catalog-info.yaml directory is a location in its repository.
    await vi.waitFor(async () => {
      const [dns] = await ask(['github.com/acme/infra:tools/dns/zone.sh']);
      expect(dns?.decidedBy).toMatchObject({ entity: 'component:default/dns' });
    });
  });

  it('asks when a bare path is in both repositories, and answers when only one has it', async () => {
    const [both, onlyShop, onlyInfra] = await ask([
      'services/checkout/main.go',
      'web/index.html',
      'terraform/main.tf',
    ]);
    expect(both).toMatchObject({ owned: false, decidedBy: null, repository: null });
    expect(both?.repositories?.sort()).toEqual(['github.com/acme/infra', 'github.com/acme/shop']);
    expect(both?.explanation).toContain('github.com/acme/infra');
    expect(both?.explanation).toContain('github.com/acme/shop');
    expect(onlyShop).toMatchObject({ owned: true, repository: 'github.com/acme/shop' });
    expect(onlyShop?.owners.map((o) => o.codeowner)).toEqual(['@acme/storefront']);
    expect(onlyInfra).toMatchObject({ owned: true, repository: 'github.com/acme/infra' });
  });

  it('answers the same after a restart on the same data', async () => {
    await stop();
    await start();
    await expectShopAnswers();
    const [both] = await ask(['services/checkout/main.go']);
    expect(both?.repositories?.sort()).toEqual(['github.com/acme/infra', 'github.com/acme/shop']);
  });

  it('refuses a repository it does not know, listing those it does', async () => {
    const query = new URLSearchParams({ thing: 'services/x.go', repository: 'github.com/acme/nope' });
    const response = await assembled?.app.inject({ url: `/api/v1/who-owns?${query}`, headers });
    expect(response?.statusCode).toBe(400);
    expect(response?.json().detail).toContain('github.com/acme/shop');
  });
});

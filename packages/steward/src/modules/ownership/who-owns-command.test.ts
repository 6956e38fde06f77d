// `steward who-owns` as a user runs it: the real binary on the shop fixture and on the Acme demo,
// its JSON shape, text lines and exit codes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ShopRepo, writeShopRepo } from './who-owns/fixture.test-support.ts';

const root = resolve(import.meta.dirname, '../../../../..');
const binary = join(root, 'packages/steward/bin/steward.js');

function steward(args: string[]) {
  const result = spawnSync(process.execPath, [binary, 'who-owns', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let shop: ShopRepo;
beforeAll(() => {
  shop = writeShopRepo();
  writeFileSync(join(shop.dir, 'Makefile'), 'all:\n');
});

describe('steward who-owns', () => {
  it('answers the demo: checkout-api main.go is owned by @acme/payments, the payments group', () => {
    const { code, stdout, stderr } = steward([
      '--repo',
      'examples/acme',
      'services/checkout-api/main.go',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        thing: 'services/checkout-api/main.go',
        kind: 'path',
        owners: [
          { ref: 'group:default/payments', role: 'codeowner', name: 'Payments', codeowner: '@acme/payments' },
        ],
        decidedBy: {
          source: 'codeowners',
          file: 'examples/acme/CODEOWNERS',
          line: 19,
          rule: '/services/checkout-api/',
          entity: null,
          mapped: [{ from: '@acme/payments', to: 'group:default/payments', by: expect.any(String) }],
        },
        candidates: [
          expect.objectContaining({
            decidedBy: expect.objectContaining({ entity: 'component:default/checkout-api' }),
          }),
        ],
        explanation: expect.stringContaining('line 19 of examples/acme/CODEOWNERS'),
        owned: true,
        // examples/acme is no git checkout of its own: the repository is not known.
        repository: null,
      },
    ]);
  });

  it('prints one line per thing in text: owners and what decided, or that nobody owns it', () => {
    const { code, stdout } = steward([
      '--repo',
      'examples/acme',
      'services/checkout-api/main.go',
      'services/web-shop/generated/api.ts',
    ]);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'services/checkout-api/main.go → @acme/payments (group:default/payments) (decided by examples/acme/CODEOWNERS:19 /services/checkout-api/)',
      expect.stringMatching(
        /^services\/web-shop\/generated\/api\.ts → nobody owns this: line 54 of examples\/acme\/CODEOWNERS .*explicitly unowned\.$/,
      ),
      '',
    ]);
  });

  it('answers every kind of thing in input order, reading CODEOWNERS where GitHub would and the repository from origin', () => {
    const things = [
      'path:services/checkout/main.go',
      'checkout',
      'k8s:Deployment/shop/cart{app=cart}',
      'alert:{service="payments",severity="critical"}',
      'https://api.shop.example/payments/v2/x',
      'tools/release.sh',
      'Makefile',
    ];
    const { code, stdout, stderr } = steward(['--repo', shop.dir, '--format', 'json', ...things]);
    expect(code).toBe(0);
    const answers = JSON.parse(stdout);
    expect(answers.map((a: { thing: string; kind: string }) => [a.thing, a.kind])).toEqual([
      [things[0], 'path'],
      [things[1], 'entity'],
      [things[2], 'kubernetes'],
      [things[3], 'alert'],
      [things[4], 'url'],
      [things[5], 'path'],
      [things[6], 'path'],
    ]);
    // .github/CODEOWNERS, not the decoy at the root.
    expect(answers[0].decidedBy).toMatchObject({ file: shop.codeownersFile, line: 2 });
    // The whole-repository slug counts because origin says this is github.com/shop/monorepo.
    expect(answers[5].decidedBy).toMatchObject({
      entity: 'component:default/tooling',
      rule: 'github.com/project-slug: shop/monorepo',
    });
    expect(answers[6].decidedBy).toMatchObject({ entity: 'component:default/tooling' });
    for (const answer of answers) expect(answer.owned).toBe(true);
    // The fixture's orphan names a missing owner: said on stderr, the answers still come.
    expect(stderr).toMatch(/the catalog at .* has 1 warning; see steward catalog validate/);
  });

  it('reads the catalog from --catalog without a repository', () => {
    const { code, stdout } = steward(['--catalog', shop.catalogDir, 'orphan', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0]).toMatchObject({
      owned: true,
      owners: [{ ref: 'group:default/ghosts', inCatalog: false }],
      decidedBy: { line: 108 },
    });
  });

  it('exits 2 with one line naming the bad thing and the right syntax, answering nothing', () => {
    const { code, stdout, stderr } = steward(['--catalog', shop.catalogDir, 'checkout', 'k8s:Deployment']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^steward: "k8s:Deployment" is not a Kubernetes object: write k8s:Kind\/namespace\/name/,
    );
  });

  it('exits 2 for an unreadable --repo or --catalog, and for no thing at all', () => {
    expect(steward(['--repo', join(shop.dir, 'missing'), 'x']).stderr).toMatch(
      /^steward: --repo .* is not a directory/,
    );
    expect(steward(['--repo', join(shop.dir, 'missing'), 'x']).code).toBe(2);
    expect(steward(['--catalog', join(shop.dir, 'missing'), 'x']).code).toBe(2);
    expect(steward([]).code).toBe(2);
  });

  it('documents every THING syntax with examples in --help', () => {
    const { code, stdout } = steward(['--help']);
    expect(code).toBe(0);
    for (const syntax of [
      'component:default/checkout-api',
      'path:',
      'k8s:Deployment/shop/web{',
      'alert:{alertname=',
      'url:https://',
      'Examples:',
    ]) {
      expect(stdout).toContain(syntax);
    }
  });
});

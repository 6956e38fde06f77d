// Walks every route of the assembled app (the real route table, so routes other modules add are
// covered as they appear) with every kind of caller, and checks nobody gets a 2xx they should not.
// Expectations come from the route's declared access (the table below, written independently of
// denialReason) and, for identity's own routes, from the per-resource rules in access.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Access } from '../../platform/auth/principal.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  miaPassword,
  type SeededOrg,
  seedOrg,
  startTestSteward,
  type TestSteward,
} from '../../server/test-steward.ts';

type Caller = 'anonymous' | 'viewer' | 'member' | 'teammate' | 'outsider' | 'adminRead' | 'admin';
const callers: Caller[] = ['anonymous', 'viewer', 'member', 'teammate', 'outsider', 'adminRead', 'admin'];
const everyone = callers;

/** Who the caller is: vera views; mia leads payments, noah is in it; otto leads search. */
const handleOf: Record<Caller, string> = {
  anonymous: 'mia',
  viewer: 'vera',
  member: 'mia',
  teammate: 'noah',
  outsider: 'otto',
  adminRead: 'admin',
  admin: 'admin',
};

const ok = 'ok' as const;
/** What the route's declared access alone lets each caller do. */
const byAccess: Record<Caller, Record<Access, typeof ok | 401 | 403>> = {
  anonymous: { public: ok, read: 401, write: 401, admin: 401 },
  viewer: { public: ok, read: ok, write: 403, admin: 403 },
  member: { public: ok, read: ok, write: ok, admin: 403 },
  teammate: { public: ok, read: ok, write: ok, admin: 403 },
  outsider: { public: ok, read: ok, write: ok, admin: 403 },
  adminRead: { public: ok, read: ok, write: 403, admin: 403 },
  admin: { public: ok, read: ok, write: ok, admin: ok },
};

interface Case {
  label: string;
  /** Who the per-resource rule lets through (the declared access still applies on top). */
  allowed: Caller[];
  params?: (caller: Caller) => Record<string, string> | Promise<Record<string, string>>;
  body?: (caller: Caller, n: number) => unknown;
  prepare?: () => Promise<void>;
}

let steward: TestSteward;
let org: SeededOrg;
const admin = (method: string, url: string, body?: unknown) =>
  steward.call(method, url, { token: org.tokens.admin, body });

const tokenOwnedBy = async (handle: string) =>
  (await admin('POST', '/api/v1/tokens', { name: 'matrix victim', scopes: ['read'], owner: handle })).json()
    .id as string;

const teamCases = (withBody?: Case['body'], prepare?: (team: string) => Promise<void>): Case[] =>
  (
    [
      ['payments', ['admin', 'member', 'teammate', 'viewer']],
      ['search', ['admin', 'outsider']],
    ] as const
  ).map(([team, allowed]) => ({
    label: team,
    allowed: [...allowed],
    params: () => ({ name: team, handle: 'sam' }),
    ...(withBody ? { body: withBody } : {}),
    ...(prepare ? { prepare: () => prepare(team) } : {}),
  }));

const leadCases = (prepare?: (team: string) => Promise<void>): Case[] =>
  teamCases(() => ({ role: 'member' }), prepare).map((c) => ({
    ...c,
    // Changing members takes a lead of that team: mia for payments, otto for search.
    allowed: c.label === 'payments' ? ['admin', 'member'] : ['admin', 'outsider'],
  }));

interface Rule {
  /** The access identity's route must declare: a route whose declaration drifts fails here. */
  access: Access;
  cases: Case[];
}

const rule = (access: Access, cases: Case[]): Rule => ({ access, cases });

/** Identity's per-resource rules, by route. Reads and role-level routes let everyone the access allows. */
const rules: Record<string, Rule> = {
  'POST /api/v1/auth/login': rule('public', [
    { label: 'mia', allowed: everyone, body: () => ({ handle: 'mia', password: miaPassword }) },
  ]),
  'POST /api/v1/auth/logout': rule('public', [{ label: 'any', allowed: everyone, body: () => ({}) }]),
  'GET /api/v1/me': rule('read', [{ label: 'any', allowed: everyone }]),
  'GET /api/v1/users': rule('read', [{ label: 'any', allowed: everyone }]),
  'GET /api/v1/users/:handle': rule('read', [
    { label: 'noah', allowed: everyone, params: () => ({ handle: 'noah' }) },
  ]),
  'POST /api/v1/users': rule('admin', [
    {
      label: 'new',
      allowed: everyone,
      body: (c, n) => ({ handle: `matrix-${c.toLowerCase()}-${n}`, name: 'M' }),
    },
  ]),
  'PATCH /api/v1/users/:handle': rule('write', [
    {
      label: 'self',
      allowed: everyone,
      params: (c) => ({ handle: handleOf[c] }),
      body: () => ({ name: 'Renamed' }),
    },
    {
      label: 'someone else',
      allowed: ['admin'],
      params: () => ({ handle: 'sam' }),
      body: () => ({ name: 'Sam' }),
    },
    {
      // A reset: it also revokes sam's tokens, which no caller here uses.
      label: "someone else's password",
      allowed: ['admin'],
      params: () => ({ handle: 'sam' }),
      body: (_c, n) => ({ password: `matrix reset passphrase ${n}` }),
    },
    {
      // mia's own password needs her current one; with it, she changes it (and back, for the next caller).
      label: 'own password',
      allowed: everyone,
      params: (c) => ({ handle: handleOf[c] }),
      body: (c) =>
        handleOf[c] === 'mia' ? { password: miaPassword, currentPassword: miaPassword } : { name: 'Renamed' },
    },
  ]),
  'POST /api/v1/users/:handle/password-reset': rule('admin', [
    // Like the reset above: it revokes sam's tokens, which no caller here uses.
    { label: 'sam', allowed: everyone, params: () => ({ handle: 'sam' }) },
  ]),
  'DELETE /api/v1/teams/:name': rule('admin', [
    {
      label: 'a throwaway team',
      allowed: everyone,
      prepare: async () => {
        await admin('POST', '/api/v1/teams', { name: 'matrix-doomed' });
      },
      params: () => ({ name: 'matrix-doomed' }),
    },
  ]),
  'GET /api/v1/teams': rule('read', [{ label: 'any', allowed: everyone }]),
  'GET /api/v1/teams/:name': rule(
    'read',
    teamCases().map((c) => ({ ...c, allowed: everyone })),
  ),
  'POST /api/v1/teams': rule('admin', [
    { label: 'new', allowed: everyone, body: (c, n) => ({ name: `m-${c.toLowerCase()}-${n}` }) },
  ]),
  'PATCH /api/v1/teams/:name': rule(
    'write',
    teamCases(() => ({ description: 'edited by the role matrix' })),
  ),
  'PUT /api/v1/teams/:name/members/:handle': rule('write', leadCases()),
  'DELETE /api/v1/teams/:name/members/:handle': rule(
    'write',
    leadCases(async (team) => {
      await admin('PUT', `/api/v1/teams/${team}/members/sam`, { role: 'member' });
    }),
  ),
  'GET /api/v1/tokens': rule('read', [{ label: 'any', allowed: everyone }]),
  'POST /api/v1/tokens': rule('read', [
    { label: 'own', allowed: everyone, body: () => ({ name: 'matrix', scopes: ['read'] }) },
    {
      label: 'for sam',
      allowed: ['admin'],
      body: () => ({ name: 'matrix', scopes: ['read'], owner: 'sam' }),
    },
  ]),
  'DELETE /api/v1/tokens/:id': rule('read', [
    { label: 'own', allowed: everyone, params: async (c) => ({ id: await tokenOwnedBy(handleOf[c]) }) },
    { label: "sam's", allowed: ['admin'], params: async () => ({ id: await tokenOwnedBy('sam') }) },
  ]),
  'GET /api/v1/audit': rule('read', [{ label: 'any', allowed: everyone }]),
};

/** For routes without rules here: plausible values, a team the member is in and one they are not. */
const genericCases: Case[] = ['payments', 'search'].map((team) => ({
  label: team,
  allowed: everyone,
  params: () => ({ name: team, team, handle: 'noah', user: 'noah', id: '1', ref: `group:default/${team}` }),
  body: () => ({}),
}));

function fillPath(url: string, params: Record<string, string>): string {
  return url
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'))
    .replace(/\*$/, 'x');
}

describeEachEngine('role matrix', ({ db }) => {
  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('lets nobody through a route their role, scope or team does not allow', async () => {
    const routes = steward.app.routeTable;
    for (const route of routes)
      expect(steward.app.hasRoute({ method: route.method, url: route.url })).toBe(true);
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(rules))
      expect(keys, `rule for a route that does not exist: ${key}`).toContain(key);

    const failures: string[] = [];
    let checked = 0;
    let n = 0;
    for (const route of routes) {
      const ruleKey = `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`;
      const known = rules[ruleKey];
      if (known && known.access !== route.access) {
        failures.push(
          `${route.method} ${route.url} declares access ${route.access}, identity's rules say ${known.access}`,
        );
      }
      for (const testCase of known?.cases ?? genericCases) {
        for (const caller of callers) {
          await testCase.prepare?.();
          const params = (await testCase.params?.(caller)) ?? {};
          const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
          const response = await steward.call(route.method, fillPath(route.url, params), {
            token: caller === 'anonymous' ? undefined : org.tokens[caller],
            body: hasBody ? (testCase.body?.(caller, n++) ?? {}) : undefined,
          });
          checked++;
          const byRole = byAccess[caller][route.access];
          const expected = byRole !== ok ? byRole : testCase.allowed.includes(caller) ? ok : 403;
          const status = response.statusCode;
          const where = `${route.method} ${route.url} [${testCase.label}] as ${caller}`;
          if (expected === ok) {
            // Only identity's routes are known well enough here to demand success.
            if (known && (status < 200 || status >= 300))
              failures.push(`${where}: expected 2xx, got ${status} ${response.body}`);
          } else if (status !== expected) {
            failures.push(`${where}: expected ${expected}, got ${status} ${response.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(Object.keys(rules).length * callers.length);
  });
});

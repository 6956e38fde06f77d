// For tests: the assembled app on a test database, started (so the first admin exists), and a
// small organisation created through the API, with a token for each kind of caller.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { PasswordCheck } from '../modules/identity/index.ts';
import type { ServeConfig, TrustProxy } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { silentLogger } from '../platform/logging.ts';
import type { App } from './app.ts';
import { type Assembled, type AssembleOptions, assemble } from './compose.ts';

export interface CallOptions {
  token?: string | undefined;
  cookie?: string | undefined;
  csrf?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestSteward {
  app: App;
  assembled: Assembled;
  dataDir: string;
  adminToken: string;
  call(method: string, url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  /**
   * For a 202 that started a job: waits until the job has finished and answers it as GET
   * /api/v1/jobs/{id} does (state, result, lastError), asking as `token` (default the admin's).
   */
  jobOf(response: LightMyRequestResponse, token?: string): Promise<FinishedJob>;
  close(): Promise<void>;
}

export interface FinishedJob {
  id: string;
  state: 'succeeded' | 'dead' | 'cancelled';
  // biome-ignore lint/suspicious/noExplicitAny: tests read the result of any kind of job.
  result: any;
  lastError: string | null;
}

export interface TestStewardOptions {
  trustProxy?: TrustProxy;
  wrapPasswordCheck?: (check: PasswordCheck) => PasswordCheck;
  /** e.g. to clone a temporary repository as a git source. */
  gitAllowLocal?: ServeConfig['gitAllowLocal'];
  /** Notification email (an in-process SMTP server) and faster delivery retries. */
  smtp?: { url: string; from: string };
  notificationDelivery?: AssembleOptions['notificationDelivery'];
  /** More of the server's configuration (e.g. the default alert team, the ingest limit). */
  config?: Partial<
    Pick<
      ServeConfig,
      | 'defaultAlertTeam'
      | 'alertIngestLimit'
      | 'publicUrl'
      | 'incidentSeverities'
      | 'prometheusUrl'
      | 'admission'
    >
  >;
}

export async function startTestSteward(
  database: Database,
  options: TestStewardOptions = {},
): Promise<TestSteward> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-identity-'));
  const assembled = await assemble({
    database,
    logger: silentLogger(),
    config: {
      bodyLimit: 64 * 1024,
      webDir: '/nonexistent',
      dataDir,
      trustProxy: options.trustProxy,
      gitAllowLocal: options.gitAllowLocal,
      smtpUrl: options.smtp?.url,
      smtpFrom: options.smtp?.from,
      ...options.config,
    },
    notificationDelivery: options.notificationDelivery,
    ...(options.wrapPasswordCheck ? { wrapPasswordCheck: options.wrapPasswordCheck } : {}),
  });
  await assembled.start();
  await assembled.app.ready();
  const app = assembled.app;
  const tokenFile = join(dataDir, 'admin.token');
  const steward: TestSteward = {
    app,
    assembled,
    dataDir,
    // Empty when the database already had an admin (no first start happened here).
    adminToken: existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '',
    async jobOf(response, token) {
      if (response.statusCode !== 202) {
        throw new Error(`expected 202 with a job, got ${response.statusCode}: ${response.body}`);
      }
      const url = response.headers.location as string;
      for (let i = 0; i < 600; i++) {
        const job = (await steward.call('GET', url, { token: token ?? steward.adminToken })).json();
        if (['succeeded', 'dead', 'cancelled'].includes(job.state)) {
          // What follows the job's changes (teams and people, the ownership index) has caught up too.
          await assembled.events.caughtUp();
          return job;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`the job at ${url} did not finish within 15 s`);
    },
    call(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = `steward_session=${options.cookie}`;
      if (options.csrf) headers['x-csrf-token'] = options.csrf;
      return app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
    },
    async close() {
      await app.close();
      await assembled.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return steward;
}

/** Password of mia, the one seeded user who signs in with one. */
export const miaPassword = 'correct horse battery';

/**
 * platform ← payments, and search. vera (viewer) is in payments; mia leads payments, noah is a
 * plain member of it; otto leads search; sam is in no team. Tokens carry each role's full scopes;
 * adminRead is an admin's token with only the read scope.
 */
export interface SeededOrg {
  tokens: {
    viewer: string;
    member: string;
    teammate: string;
    outsider: string;
    adminRead: string;
    admin: string;
    loner: string;
  };
}

export async function seedOrg(steward: TestSteward): Promise<SeededOrg> {
  const admin = steward.adminToken;
  const ok = async (method: string, url: string, body?: unknown) => {
    const response = await steward.call(method, url, { token: admin, body });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  await ok('POST', '/api/v1/teams', { name: 'platform', displayName: 'Platform' });
  await ok('POST', '/api/v1/teams', { name: 'payments', displayName: 'Payments', parent: 'platform' });
  await ok('POST', '/api/v1/teams', { name: 'search', displayName: 'Search' });
  const people = [
    { handle: 'vera', name: 'Vera Viewer', role: 'viewer' },
    { handle: 'mia', name: 'Mia Lead', role: 'member', password: miaPassword },
    { handle: 'noah', name: 'Noah Member', role: 'member' },
    { handle: 'otto', name: 'Otto Outsider', role: 'member' },
    { handle: 'sam', name: 'Sam Loner', role: 'member' },
  ];
  for (const person of people) await ok('POST', '/api/v1/users', person);
  await ok('PUT', '/api/v1/teams/payments/members/mia', { role: 'lead' });
  await ok('PUT', '/api/v1/teams/payments/members/noah', { role: 'member' });
  await ok('PUT', '/api/v1/teams/payments/members/vera', { role: 'member' });
  await ok('PUT', '/api/v1/teams/search/members/otto', { role: 'lead' });
  const token = async (owner: string, scopes: string[]) =>
    (await ok('POST', '/api/v1/tokens', { name: `${owner} test`, owner, scopes })).secret as string;
  return {
    tokens: {
      viewer: await token('vera', ['read']),
      member: await token('mia', ['read', 'write']),
      teammate: await token('noah', ['read', 'write']),
      outsider: await token('otto', ['read', 'write']),
      loner: await token('sam', ['read', 'write']),
      adminRead: await token('admin', ['read']),
      admin,
    },
  };
}

// Steward's configuration: the only place that reads process.env (STEWARD_ADMISSION's shape is in
// config-admission.ts). Flags win over the
// environment, the environment over defaults; every problem is reported at once.
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type AdmissionConfig, admissionSchema, defaultAdmissionConfig } from './config-admission.ts';
import { type FieldProblem, invalid } from './errors.ts';

export type LogFormat = 'json' | 'pretty';

/**
 * Which proxies' X-Forwarded-For/-Proto to believe, as Fastify's trustProxy takes it: every sender
 * (true), none (false), or those at the listed addresses. No hop count: Fastify 5 refuses one, since a
 * count cannot tell a proxy from a client that sent the headers itself.
 */
export type TrustProxy = boolean | string[];

export interface ServeConfig {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; absent means the embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL as the role that owns Steward's tables, used only to migrate and to grant the role of
   * databaseUrl what it needs; that role then cannot alter tables, nor rewrite the audit log.
   */
  databaseOwnerUrl: string | undefined;
  catalogPaths: string[];
  /** The organisation's catalog configuration file (rules, kinds of its own), if any. */
  catalogRules: string | undefined;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat: LogFormat;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** How long SIGTERM waits for in-flight work before closing anyway, in ms. */
  shutdownGraceMs: number;
  /** Directory of the built portal, served at `/`. */
  webDir: string;
  /**
   * Proxies in front of Steward whose forwarded headers say the client's address and scheme: the
   * sign-in throttle counts by that address, and the session cookie is Secure when it says https.
   */
  trustProxy: TrustProxy;
  /**
   * Whether a git catalog source may be a path (or file:// URL) on the server. Off by default: an
   * admin adding such a source reads the server's own disk (STEWARD_GIT_ALLOW_LOCAL=true turns it on).
   */
  gitAllowLocal: boolean;
  /** Finished background jobs older than this many days are deleted (STEWARD_JOB_RETENTION_DAYS). */
  jobRetentionDays: number;
  /** Where notification emails go out: smtp://[user:pass@]host:port or smtps://; none: email is skipped. */
  smtpUrl: string | undefined;
  /** The From of notification emails (STEWARD_SMTP_FROM); required with smtpUrl. */
  smtpFrom: string | undefined;
  /** Where alerts nothing owns go: a Group name or ref (--default-alert-team / STEWARD_DEFAULT_ALERT_TEAM). */
  defaultAlertTeam: string | undefined;
  /** Alert ingestion writes in flight per server at most; beyond it senders are told to retry (STEWARD_ALERT_INGEST_LIMIT). */
  alertIngestLimit: number;
  /** How people reach Steward, for links in notifications (STEWARD_PUBLIC_URL; default http://host:port). */
  publicUrl: string;
  /**
   * A Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics) where the SLOs'
   * rules run, for their budget and burn rates (STEWARD_PROMETHEUS_URL); none: SLOs show no status.
   */
  prometheusUrl: string | undefined;
  /** A schedule's team hears of a gap (nobody on call) this many days before it starts (STEWARD_GAP_NOTICE_DAYS). */
  gapNoticeDays: number;
  /** Incident severities (STEWARD_INCIDENT_SEVERITIES, JSON); undefined: the incidents module's SEV1–SEV4. */
  incidentSeverities: IncidentSeverityConfig[] | undefined;
  /** How the admission webhook (`POST /admission/validate`) judges objects (STEWARD_ADMISSION, JSON). */
  admission: AdmissionConfig;
}

export interface IncidentSeverityConfig {
  name: string;
  description: string;
  /** How often the audience hears how it goes; a reminder goes out when an update is due. */
  updateEveryMinutes: number;
  /** Whether a declaration with no commander pages the owning team's escalation policy for one. */
  pageCommander: boolean;
}

export interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  databaseOwnerUrl?: string;
  catalog?: string[];
  catalogRules?: string;
  demo?: boolean;
  trustProxy?: string;
  defaultAlertTeam?: string;
}

type Env = Record<string, string | undefined>;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const severitiesExample =
  '[{"name":"SEV1","description":"customers cannot pay","updateEveryMinutes":30,"pageCommander":true}, …] (most severe first)';

const serveSchema = z.object({
  port: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535'),
  host: z.string().min(1, 'must not be empty'),
  dataDir: z.string().min(1, 'must not be empty'),
  databaseUrl: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional(),
  databaseOwnerUrl: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional(),
  logLevel: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }),
  logFormat: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }),
  bodyLimit: z.coerce.number({ error: 'must be a number of bytes' }).int().min(1024, 'must be at least 1024'),
  shutdownGraceMs: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0),
  trustProxy: z.string().transform((value, ctx): TrustProxy => {
    const parsed = parseTrustProxy(value);
    if (parsed === undefined) ctx.addIssue({ code: 'custom', message: trustProxyRule });
    return parsed ?? false;
  }),
  gitAllowLocal: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true'),
  jobRetentionDays: z.coerce
    .number({ error: 'must be a number of days' })
    .min(0.001, 'must be more than 0 days')
    .max(3650, 'must be at most 3650 days (ten years)'),
  smtpUrl: z
    .string()
    .refine(
      (v) => /^smtps?:\/\/[^/]/.test(v),
      'must be smtp://host:port or smtps://host:port (user:pass@ optional)',
    )
    .optional(),
  smtpFrom: z.string().min(3, 'must be an address such as Steward <steward@example.com>').optional(),
  defaultAlertTeam: z.string().min(1, 'must not be empty').optional(),
  alertIngestLimit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000, 'must be at most 100000'),
  publicUrl: z
    .string()
    .refine((v) => /^https?:\/\/[^/]+/.test(v), 'must be an http:// or https:// URL')
    .optional(),
  prometheusUrl: z
    .string()
    .refine(
      (v) => /^https?:\/\/[^/]+/.test(v),
      'must be the http:// or https:// URL of a Prometheus-compatible API, e.g. http://prometheus:9090',
    )
    .optional(),
  gapNoticeDays: z.coerce
    .number({ error: 'must be a number of days' })
    .min(0.01, 'must be more than 0 days')
    .max(90, 'must be at most 90 days'),
  incidentSeverities: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON: ${severitiesExample}` });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(
          z.strictObject({
            name: z
              .string()
              .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, 'a name is letters, digits and -, e.g. SEV1'),
            description: z.string().min(1).max(500),
            updateEveryMinutes: z.number().min(0.05).max(10_080),
            pageCommander: z.boolean(),
          }),
          { error: `must be a JSON array: ${severitiesExample}` },
        )
        .min(1, 'must name at least one severity')
        .refine((list) => new Set(list.map((s) => s.name)).size === list.length, 'names must differ'),
    )
    .optional(),
  admission: admissionSchema.optional(),
});

const trustProxyRule =
  "must be true, false, or a comma-separated list of the proxies' addresses and CIDRs (10.0.0.0/8, ::1, loopback); a hop count cannot tell a proxy from a client, so list the addresses";
const proxyAddressNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(value: string): TrustProxy | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : undefined;
}

function isProxyAddress(entry: string): boolean {
  if (proxyAddressNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Where each config field comes from, so errors name what the user actually typed. */
const sourceOf: Record<string, string> = {
  port: '--port / STEWARD_PORT',
  host: '--host / STEWARD_HOST',
  dataDir: '--data-dir / STEWARD_DATA_DIR',
  databaseUrl: '--database-url / DATABASE_URL',
  databaseOwnerUrl: '--database-owner-url / STEWARD_DATABASE_OWNER_URL',
  logLevel: 'STEWARD_LOG_LEVEL',
  logFormat: 'STEWARD_LOG_FORMAT',
  bodyLimit: 'STEWARD_BODY_LIMIT',
  shutdownGraceMs: 'STEWARD_SHUTDOWN_GRACE_MS',
  trustProxy: '--trust-proxy / STEWARD_TRUST_PROXY',
  gitAllowLocal: 'STEWARD_GIT_ALLOW_LOCAL',
  jobRetentionDays: 'STEWARD_JOB_RETENTION_DAYS',
  smtpUrl: 'STEWARD_SMTP_URL',
  smtpFrom: 'STEWARD_SMTP_FROM',
  defaultAlertTeam: '--default-alert-team / STEWARD_DEFAULT_ALERT_TEAM',
  alertIngestLimit: 'STEWARD_ALERT_INGEST_LIMIT',
  publicUrl: 'STEWARD_PUBLIC_URL',
  prometheusUrl: 'STEWARD_PROMETHEUS_URL',
  gapNoticeDays: 'STEWARD_GAP_NOTICE_DAYS',
  incidentSeverities: 'STEWARD_INCIDENT_SEVERITIES',
  admission: 'STEWARD_ADMISSION',
};

export function loadServeConfig(
  flags: ServeFlags,
  env: Env = process.env,
  isTty = process.stdout.isTTY,
): ServeConfig {
  const raw = {
    port: flags.port ?? env.STEWARD_PORT ?? '7420',
    host: flags.host ?? env.STEWARD_HOST ?? '127.0.0.1',
    dataDir: flags.dataDir ?? env.STEWARD_DATA_DIR ?? './.steward',
    databaseUrl: flags.databaseUrl ?? env.STEWARD_DATABASE_URL ?? env.DATABASE_URL ?? undefined,
    databaseOwnerUrl: flags.databaseOwnerUrl ?? env.STEWARD_DATABASE_OWNER_URL ?? undefined,
    logLevel: env.STEWARD_LOG_LEVEL ?? 'info',
    logFormat: env.STEWARD_LOG_FORMAT ?? (isTty ? 'pretty' : 'json'),
    bodyLimit: env.STEWARD_BODY_LIMIT ?? String(1024 * 1024),
    shutdownGraceMs: env.STEWARD_SHUTDOWN_GRACE_MS ?? '10000',
    trustProxy: flags.trustProxy ?? env.STEWARD_TRUST_PROXY ?? 'false',
    gitAllowLocal: env.STEWARD_GIT_ALLOW_LOCAL ?? 'false',
    jobRetentionDays: env.STEWARD_JOB_RETENTION_DAYS ?? '14',
    smtpUrl: env.STEWARD_SMTP_URL || undefined,
    smtpFrom: env.STEWARD_SMTP_FROM || undefined,
    defaultAlertTeam: flags.defaultAlertTeam ?? env.STEWARD_DEFAULT_ALERT_TEAM ?? undefined,
    alertIngestLimit: env.STEWARD_ALERT_INGEST_LIMIT ?? '64',
    publicUrl: env.STEWARD_PUBLIC_URL ?? undefined,
    prometheusUrl: env.STEWARD_PROMETHEUS_URL || undefined,
    gapNoticeDays: env.STEWARD_GAP_NOTICE_DAYS ?? '7',
    incidentSeverities: env.STEWARD_INCIDENT_SEVERITIES || undefined,
    admission: env.STEWARD_ADMISSION || undefined,
  };
  const parsed = serveSchema.safeParse(raw);
  if (!parsed.success) {
    const problems: FieldProblem[] = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const where = issue.path.length > 1 ? ` at ${issue.path.slice(1).join('.')}` : '';
      const given = (raw as Record<string, unknown>)[key];
      return {
        field: sourceOf[key] ?? key,
        message: `${issue.message}${where} (got ${JSON.stringify(redact(key, given))})`,
      };
    });
    throw invalid(
      `invalid configuration: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  if (parsed.data.databaseOwnerUrl && !parsed.data.databaseUrl) {
    const problem = {
      field: sourceOf.databaseOwnerUrl as string,
      message: `needs --database-url: the embedded database (PGlite) has a single user, so there is no owner to keep apart (got ${JSON.stringify(redactUrl(parsed.data.databaseOwnerUrl))})`,
    };
    throw invalid(`invalid configuration: ${problem.field} ${problem.message}`, [problem]);
  }
  if (parsed.data.smtpUrl && !parsed.data.smtpFrom) {
    const problem = {
      field: sourceOf.smtpFrom as string,
      message:
        'must be set with STEWARD_SMTP_URL: the From of notification emails, e.g. Steward <steward@example.com>',
    };
    throw invalid(`invalid configuration: ${problem.field} ${problem.message}`, [problem]);
  }
  return {
    ...parsed.data,
    smtpUrl: parsed.data.smtpUrl,
    smtpFrom: parsed.data.smtpFrom,
    databaseUrl: parsed.data.databaseUrl,
    databaseOwnerUrl: parsed.data.databaseOwnerUrl,
    defaultAlertTeam: parsed.data.defaultAlertTeam,
    incidentSeverities: parsed.data.incidentSeverities,
    prometheusUrl: parsed.data.prometheusUrl,
    admission: { ...defaultAdmissionConfig, ...parsed.data.admission },
    publicUrl: parsed.data.publicUrl ?? `http://${parsed.data.host}:${parsed.data.port}`,
    dataDir: resolve(parsed.data.dataDir),
    catalogPaths: flags.catalog ?? [],
    catalogRules: flags.catalogRules ?? env.STEWARD_CATALOG_RULES ?? undefined,
    demo: flags.demo ?? false,
    webDir: resolve(import.meta.dirname, '../../../web/dist'),
  };
}

/** Hides passwords in connection strings before they reach a log or an error message. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function redact(key: string, value: unknown): unknown {
  const isUrl = ['databaseUrl', 'databaseOwnerUrl', 'smtpUrl', 'prometheusUrl'].includes(key);
  return isUrl && typeof value === 'string' ? redactUrl(value) : value;
}

export function describeConfig(config: ServeConfig): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: config.databaseUrl ? redactUrl(config.databaseUrl) : '(embedded PGlite)',
    databaseOwnerUrl: config.databaseOwnerUrl ? redactUrl(config.databaseOwnerUrl) : undefined,
    smtpUrl: config.smtpUrl ? redactUrl(config.smtpUrl) : undefined,
    prometheusUrl: config.prometheusUrl ? redactUrl(config.prometheusUrl) : undefined,
  };
}

export interface ClientConfig {
  server: string;
  token: string | undefined;
  /** Where the token came from, for error messages. */
  tokenSource: string;
}

/**
 * Client mode: the server URL and token come from flags, then STEWARD_SERVER / STEWARD_TOKEN,
 * then the config file (~/.config/steward/config.json or $STEWARD_CONFIG).
 */
export function loadClientConfig(
  flags: { server?: string; token?: string },
  fileContents: (path: string) => string | undefined,
  env: Env = process.env,
): ClientConfig {
  const file = clientConfigPath(env);
  let fromFile: { server?: unknown; token?: unknown } = {};
  const text = fileContents(file);
  if (text !== undefined) {
    try {
      fromFile = JSON.parse(text);
    } catch (error) {
      throw invalid(
        `${file}: not valid JSON (${(error as Error).message}); expected {"server": "...", "token": "..."}`,
      );
    }
  }
  const fileServer = typeof fromFile.server === 'string' ? fromFile.server : undefined;
  const fileToken = typeof fromFile.token === 'string' ? fromFile.token : undefined;
  const server = flags.server ?? env.STEWARD_SERVER ?? fileServer ?? 'http://127.0.0.1:7420';
  if (!/^https?:\/\//.test(server)) {
    throw invalid(`--server must be an http:// or https:// URL, got ${JSON.stringify(server)}`);
  }
  const [token, tokenSource] = flags.token
    ? [flags.token, '--token']
    : env.STEWARD_TOKEN
      ? [env.STEWARD_TOKEN, 'STEWARD_TOKEN']
      : fileToken
        ? [fileToken, file]
        : [undefined, `nowhere (set STEWARD_TOKEN or put "token" in ${file})`];
  return { server: server.replace(/\/+$/, ''), token, tokenSource };
}

export function clientConfigPath(env: Env = process.env): string {
  return (
    env.STEWARD_CONFIG ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'steward', 'config.json')
  );
}

/** PostgreSQL for the storage tests; unset means the tests run on PGlite only. */
export function testDatabaseUrl(env: Env = process.env): string | undefined {
  return env.STEWARD_TEST_DATABASE_URL || undefined;
}

import { describe, expect, it } from 'vitest';
import { describeConfig, loadClientConfig, loadServeConfig } from './config.ts';
import { StewardError } from './errors.ts';

describe('loadServeConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadServeConfig({}, {}, false);
    expect(config.port).toBe(7420);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir.endsWith('/.steward')).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logFormat).toBe('json');
  });

  it('takes the catalog rules file from --catalog-rules or STEWARD_CATALOG_RULES', () => {
    expect(loadServeConfig({}, { STEWARD_CATALOG_RULES: 'org-rules.yaml' }, false).catalogRules).toBe(
      'org-rules.yaml',
    );
    expect(
      loadServeConfig({ catalogRules: 'flag.yaml' }, { STEWARD_CATALOG_RULES: 'env.yaml' }, false)
        .catalogRules,
    ).toBe('flag.yaml');
    expect(loadServeConfig({}, {}, false).catalogRules).toBeUndefined();
  });

  it('lets git sources be local paths only when STEWARD_GIT_ALLOW_LOCAL is true', () => {
    expect(loadServeConfig({}, {}, false).gitAllowLocal).toBe(false);
    expect(loadServeConfig({}, { STEWARD_GIT_ALLOW_LOCAL: 'true' }, false).gitAllowLocal).toBe(true);
    expect(() => loadServeConfig({}, { STEWARD_GIT_ALLOW_LOCAL: 'yes' }, false)).toThrow(
      'STEWARD_GIT_ALLOW_LOCAL must be true or false',
    );
  });

  it('takes notification email from STEWARD_SMTP_URL and STEWARD_SMTP_FROM, redacting the password', () => {
    expect(loadServeConfig({}, {}, false).smtpUrl).toBeUndefined();
    const config = loadServeConfig(
      {},
      {
        STEWARD_SMTP_URL: 'smtp://mailer:hunter2@mail.example:587',
        STEWARD_SMTP_FROM: 'steward@example.com',
      },
      false,
    );
    expect(config.smtpUrl).toBe('smtp://mailer:hunter2@mail.example:587');
    expect(config.smtpFrom).toBe('steward@example.com');
    expect(JSON.stringify(describeConfig(config))).not.toContain('hunter2');
    expect(() => loadServeConfig({}, { STEWARD_SMTP_URL: 'smtp://mail.example:25' }, false)).toThrow(
      'STEWARD_SMTP_FROM must be set with STEWARD_SMTP_URL',
    );
    expect(() =>
      loadServeConfig(
        {},
        { STEWARD_SMTP_URL: 'http://x:secret@mail.example', STEWARD_SMTP_FROM: 'a@b.c' },
        false,
      ),
    ).toThrow(/STEWARD_SMTP_URL must be smtp:\/\/host:port.*got "http:\/\/x:\*\*\*@mail.example"/);
  });

  it('takes incident severities from STEWARD_INCIDENT_SEVERITIES as JSON, saying where one is wrong', () => {
    expect(loadServeConfig({}, {}, false).incidentSeverities).toBeUndefined();
    const one = { name: 'P1', description: 'the site is down', updateEveryMinutes: 15, pageCommander: true };
    const env = (value: unknown) => ({ STEWARD_INCIDENT_SEVERITIES: JSON.stringify(value) });
    expect(loadServeConfig({}, env([one]), false).incidentSeverities).toEqual([one]);
    expect(() => loadServeConfig({}, { STEWARD_INCIDENT_SEVERITIES: '[{name:' }, false)).toThrow(
      /STEWARD_INCIDENT_SEVERITIES must be JSON: \[\{"name":"SEV1"/,
    );
    expect(() => loadServeConfig({}, env([one, { ...one, updateEveryMinutes: 0 }]), false)).toThrow(
      /STEWARD_INCIDENT_SEVERITIES .* at 1\.updateEveryMinutes/,
    );
    expect(() => loadServeConfig({}, env([one, one]), false)).toThrow(/names must differ/);
  });

  it('takes the admission webhook settings from STEWARD_ADMISSION as JSON, defaults filling the rest', () => {
    expect(loadServeConfig({}, {}, false).admission).toEqual({
      mode: 'warn',
      namespaces: {},
      teams: {},
      denyAt: 'high',
      timeoutMs: 2000,
      onTimeout: 'allow',
      policy: undefined,
    });
    const env = (value: unknown) => ({ STEWARD_ADMISSION: JSON.stringify(value) });
    expect(
      loadServeConfig({}, env({ namespaces: { prod: 'enforce' }, timeoutMs: 500 }), false).admission,
    ).toMatchObject({ mode: 'warn', namespaces: { prod: 'enforce' }, timeoutMs: 500, onTimeout: 'allow' });
    expect(() => loadServeConfig({}, env({ namespaces: { prod: 'block' } }), false)).toThrow(
      /STEWARD_ADMISSION must be enforce, warn or audit at namespaces\.prod/,
    );
    expect(() => loadServeConfig({}, env({ timeoutMs: 60_000 }), false)).toThrow(
      /STEWARD_ADMISSION must be at most 29000 ms .* at timeoutMs/,
    );
    expect(() => loadServeConfig({}, env({ mdoe: 'warn' }), false)).toThrow(/STEWARD_ADMISSION .*mdoe/);
    expect(() => loadServeConfig({}, { STEWARD_ADMISSION: 'warn' }, false)).toThrow(
      /STEWARD_ADMISSION must be JSON: \{"mode":"warn"/,
    );
  });

  it('prefers flags over the environment', () => {
    const config = loadServeConfig(
      { port: '8080' },
      { STEWARD_PORT: '9090', DATABASE_URL: 'postgres://h/db' },
      false,
    );
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://h/db');
  });

  it('reports every problem at once, naming where each value came from', () => {
    let error: unknown;
    try {
      loadServeConfig(
        { port: '70000' },
        { STEWARD_LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://a:pw@h/db' },
        false,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StewardError);
    const problems = (error as StewardError).problems;
    expect(problems.map((p) => p.field)).toEqual([
      '--port / STEWARD_PORT',
      '--database-url / DATABASE_URL',
      'STEWARD_LOG_LEVEL',
    ]);
    expect((error as Error).message).toContain('must be between 0 and 65535');
    expect((error as Error).message).not.toContain(':pw@');
  });
});

describe('trust proxy', () => {
  const trust = (value: string | undefined, flag?: string) =>
    loadServeConfig(
      flag === undefined ? {} : { trustProxy: flag },
      value === undefined ? {} : { STEWARD_TRUST_PROXY: value },
      false,
    ).trustProxy;

  it('trusts no proxy unless told, and takes true or addresses and CIDRs', () => {
    expect(trust(undefined)).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('10.0.0.0/8, 192.168.1.7,::1, fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
    ]);
    expect(trust('loopback,uniquelocal')).toEqual(['loopback', 'uniquelocal']);
    expect(trust('true', '127.0.0.1')).toEqual(['127.0.0.1']);
  });

  it('refuses anything else, naming the value and what would be right', () => {
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', 'proxy.example.com', '', '1', '-1', '1.5']) {
      let error: unknown;
      try {
        trust(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(StewardError);
      expect((error as StewardError).problems[0]?.field).toBe('--trust-proxy / STEWARD_TRUST_PROXY');
      expect((error as Error).message).toContain('true, false, or a comma-separated list');
    }
  });
});

describe('the database owner URL', () => {
  const serving = 'postgres://steward:serve-pw@db/steward';
  const owner = 'postgres://steward_owner:owner-pw@db/steward';

  it('comes from --database-owner-url or STEWARD_DATABASE_OWNER_URL, and is redacted when printed', () => {
    const fromEnv = loadServeConfig({ databaseUrl: serving }, { STEWARD_DATABASE_OWNER_URL: owner }, false);
    expect(fromEnv.databaseOwnerUrl).toBe(owner);
    const fromFlag = loadServeConfig(
      { databaseUrl: serving, databaseOwnerUrl: 'postgres://o@db/steward' },
      { STEWARD_DATABASE_OWNER_URL: owner },
      false,
    );
    expect(fromFlag.databaseOwnerUrl).toBe('postgres://o@db/steward');
    const printed = JSON.stringify(describeConfig(fromEnv));
    expect(printed).not.toContain('owner-pw');
    expect(printed).not.toContain('serve-pw');
    expect(printed).toContain('steward_owner:***@');
    expect(loadServeConfig({}, {}, false).databaseOwnerUrl).toBeUndefined();
  });

  it('is refused without --database-url (PGlite has one user) or when it is not a postgres:// URL', () => {
    const alone = () => loadServeConfig({}, { STEWARD_DATABASE_OWNER_URL: owner }, false);
    expect(alone).toThrow(/--database-owner-url \/ STEWARD_DATABASE_OWNER_URL .*needs --database-url/);
    expect(alone).not.toThrow(/owner-pw/);
    const wrong = () =>
      loadServeConfig({ databaseUrl: serving, databaseOwnerUrl: 'mysql://o:pw@h/db' }, {}, false);
    expect(wrong).toThrow(/--database-owner-url \/ STEWARD_DATABASE_OWNER_URL must start with postgres:\/\//);
    expect(wrong).not.toThrow(/:pw@/);
  });
});

describe('loadClientConfig', () => {
  it('takes the token from STEWARD_TOKEN before the config file', () => {
    const config = loadClientConfig({}, () => '{"token":"from-file","server":"http://s:1"}', {
      STEWARD_TOKEN: 'from-env',
      STEWARD_CONFIG: '/x.json',
    });
    expect(config).toEqual({ server: 'http://s:1', token: 'from-env', tokenSource: 'STEWARD_TOKEN' });
  });

  it('names the config file when it is not JSON', () => {
    expect(() => loadClientConfig({}, () => '{oops', { STEWARD_CONFIG: '/etc/steward.json' })).toThrow(
      /\/etc\/steward.json: not valid JSON/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { loadClientConfig, loadServeConfig } from './config.ts';
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

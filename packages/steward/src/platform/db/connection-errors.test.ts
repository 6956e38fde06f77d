// Which errors are "the database cannot be reached just now" (503, try again) and which are not (a
// query's own fault stays a 500 or its own kind). Real errors where one can be had without an outage.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { invalid } from '../errors.ts';
import { describeDatabaseError, isDatabaseUnreachable } from './connection-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnreachable', () => {
  it('knows a refused connection, as node-postgres reports it', async () => {
    const client = new pg.Client({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    const error = await client.connect().catch((e) => e);
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(describeDatabaseError(error)).toBe('connection refused');
  });

  it('knows a server going away, a lost connection, a pool that could not connect in time', () => {
    for (const code of [
      '57P01',
      '57P02',
      '57P03',
      '53300',
      '08000',
      '08003',
      '08006',
      '08P01',
      'ECONNRESET',
    ]) {
      expect(isDatabaseUnreachable(withCode(code)), code).toBe(true);
    }
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ]) {
      expect(isDatabaseUnreachable(new Error(message)), message).toBe(true);
    }
    expect(describeDatabaseError(withCode('57P01'))).toMatch(/administrator or a restart/);
  });

  it('looks inside what an error wraps or aggregates', () => {
    const refused = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect');
    expect(isDatabaseUnreachable(refused)).toBe(true);
    expect(isDatabaseUnreachable(new Error('query failed', { cause: withCode('57P01') }))).toBe(true);
  });

  it('leaves a query at fault, and Steward errors, alone', () => {
    for (const error of [
      withCode('42601', 'syntax error at or near "selec"'),
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      withCode('0800', 'not a SQLSTATE'),
      invalid('name: must not be empty'),
      new Error('boom'),
      'a string',
      undefined,
    ]) {
      expect(isDatabaseUnreachable(error), String(error)).toBe(false);
    }
  });
});

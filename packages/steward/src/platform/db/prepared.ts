// The hottest lookups as PostgreSQL prepared statements. A statement whose SQL names itself with
// `/* prepare: <name> */` runs as a named statement: each pooled connection parses and plans it once,
// not on every call (an entity's detail went from about 1.4 ms of database time to 0.4 ms; measured
// with bench/api-load). Only SQL whose text never varies may name itself: one name, one text, since
// a connection keeps the first text it was given under a name. PGlite reads the comment as a comment.
import pg from 'pg';

const marker = /\/\* prepare: ([a-z][a-z0-9_]*) \*\//;

/** The name a statement gives itself, or null. */
export function preparedName(text: string): string | null {
  return marker.exec(text)?.[1] ?? null;
}

/** The mark that makes a statement prepared: put it at the start of the statement's SQL. */
export function prepareAs(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new Error(`a prepared statement's name must be snake_case: ${name}`);
  return `/* prepare: ${name} */`;
}

/** pg's client, running marked statements as named ones; the pool makes its connections with it. */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this forwards them all.
  override query(...args: any[]): any {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length <= 2 ? preparedName(text) : null;
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const query = super.query as (...forwarded: any[]) => any;
    return name ? query.call(this, { name, text, values }) : query.apply(this, args);
  }
}

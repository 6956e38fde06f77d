// A PostgreSQL database of a benchmark's own, created on the server the caller names and dropped after,
// so runs never see each other's rows nor leave theirs behind.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** The scratch database's URL: the base URL with its own database name. */
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(baseUrl: string): Promise<ScratchDatabase> {
  const name = `steward_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

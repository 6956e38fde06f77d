// The peer of bench/api-load, in a process of its own as Steward is: bare Fastify answering
// GET /api/v1/entities/:kind/:namespace/:name with one indexed select of the stored entity from the
// same database Steward wrote (PostgreSQL through a pg pool, or the PGlite data directory after
// Steward has let it go). No authentication, access check, logging or response schema: what the
// machine and the database allow for the same lookup. Told {databaseUrl} or {pgliteDir}; answers {url}.
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

type Select = (ref: string) => Promise<unknown>;

async function open(job: {
  databaseUrl?: string;
  pgliteDir?: string;
}): Promise<{ select: Select; close(): Promise<void> }> {
  const text = 'select body from catalog_entities where ref = $1';
  if (job.databaseUrl) {
    const pool = new pg.Pool({ connectionString: job.databaseUrl, max: 10 });
    return {
      select: async (ref) => (await pool.query(text, [ref])).rows[0]?.body,
      close: () => pool.end(),
    };
  }
  const db = await PGlite.create(job.pgliteDir as string);
  return {
    select: async (ref) => (await db.query<{ body: unknown }>(text, [ref])).rows[0]?.body,
    close: () => db.close(),
  };
}

process.once('message', async (job: { databaseUrl?: string; pgliteDir?: string }) => {
  try {
    const db = await open(job);
    const app = Fastify({ logger: false });
    app.get<{ Params: { kind: string; namespace: string; name: string } }>(
      '/api/v1/entities/:kind/:namespace/:name',
      async (request, reply) => {
        const { kind, namespace, name } = request.params;
        const body = await db.select(`${kind}:${namespace}/${name}`.toLowerCase());
        if (body === undefined) return reply.code(404).send({ title: 'not found' });
        return { entity: body };
      },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.on('message', async (message: { type?: string }) => {
      if (message.type !== 'stop') return;
      await app.close();
      await db.close();
      process.exit(0);
    });
    process.send?.({ url: `http://127.0.0.1:${port}` });
  } catch (error) {
    console.error(`bench bare server: ${(error as Error).message}`);
    process.exit(1);
  }
});

// `steward serve`: opens the database, migrates, assembles the app, listens, and shuts down gracefully.

import { readCatalogConfig } from '../modules/catalog/index.ts';
import { describeConfig, type ServeConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { makeDataDirPrivate } from '../platform/db/private-data-dir.ts';
import { auditLogRisk, migrateAsOwner } from '../platform/db/serving-role.ts';
import { StewardError } from '../platform/errors.ts';
import type { Logger } from '../platform/logging.ts';
import { assemble } from './compose.ts';
import { moduleMigrationFolders } from './modules.ts';

export interface RunningSteward {
  url: string;
  shutdown(reason: string): Promise<void>;
}

export async function serve(config: ServeConfig, logger: Logger): Promise<RunningSteward> {
  // Everything the server writes (the embedded database with its password hashes, the admin token
  // and password, uploaded catalogs) is for its own user alone, whatever umask it was started with.
  process.umask(0o077);
  logger.debug({ config: describeConfig(config) }, 'configuration');
  keepDataDirPrivate(config.dataDir, logger);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
  logger.info(
    { engine: database.engine },
    database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'connected to PostgreSQL',
  );
  let assembled: Awaited<ReturnType<typeof assemble>> | undefined;
  try {
    const applied = config.databaseOwnerUrl
      ? await migrateAsOwner(config.databaseOwnerUrl, database, moduleMigrationFolders)
      : await migrateToLatest(database, moduleMigrationFolders);
    if (applied.length > 0) logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
    const risk = await auditLogRisk(database);
    if (risk) logger.warn(risk);
    const catalogOptions = config.catalogRules ? await readCatalogConfig(config.catalogRules) : undefined;
    assembled = await assemble({ database, logger, config, catalogOptions });
    await listen(assembled.app, config);
  } catch (error) {
    await assembled?.app.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  await assembled.start();
  assembled.setReady(true);
  const address = assembled.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url }, `Steward is ready at ${url}`);

  let stopping: Promise<void> | undefined;
  const running = assembled;
  return {
    url,
    shutdown(reason) {
      stopping ??= (async () => {
        logger.info({ reason }, 'shutting down: readiness off, finishing in-flight requests');
        running.setReady(false);
        const grace = setTimeout(() => {
          logger.warn('in-flight work did not finish within the grace period; closing anyway');
          running.app.server.closeAllConnections();
        }, config.shutdownGraceMs);
        grace.unref();
        await running.app.close();
        await running.stop();
        await database.close();
        clearTimeout(grace);
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

function keepDataDirPrivate(dataDir: string, logger: Logger): void {
  const changed = makeDataDirPrivate(dataDir);
  if (changed.length === 0) return;
  logger.warn(
    { dataDir, changed: changed.slice(0, 20) },
    `made ${changed.length} paths in the data dir private to this user: they were open to its group or to others (the first ${Math.min(20, changed.length)} are listed). Check who could have read them, and change the admin password if admin.password was among them.`,
  );
}

async function listen(app: Awaited<ReturnType<typeof assemble>>['app'], config: ServeConfig): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StewardError(
        'conflict',
        `port ${config.port} on ${config.host} is already in use; stop whatever holds it or pick another with --port`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new StewardError(
        'invalid',
        `cannot listen on host ${config.host}: no such address on this machine`,
      );
    }
    if (code === 'EACCES') {
      throw new StewardError(
        'forbidden',
        `not allowed to listen on port ${config.port}; ports below 1024 need privileges`,
      );
    }
    throw error;
  }
}

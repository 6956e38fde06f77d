// First start: when nobody can administer Steward, create the `admin` user with an admin token
// and a portal password, written to files only the server's user can read. Secrets never reach the log.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { unavailable } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logging.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import { countOtherActiveAdmins, type Db, findUserByHandle, lockFirstStart, updateUserRow } from './store.ts';
import { issueToken } from './tokens.ts';
import { insertUserAudited } from './users-service.ts';
import { userSnapshot } from './views.ts';

export const firstAdminHandle = 'admin';
const actor = 'system:first-start';

export interface FirstAdmin {
  tokenFile: string;
  passwordFile: string;
}

/** Creates the first admin when there is no admin who can sign in; answers where its secrets went. */
export async function ensureFirstAdmin(
  db: Db,
  dataDir: string,
  logger: Logger,
  password = generatePassword(),
): Promise<FirstAdmin | null> {
  const files = { tokenFile: join(dataDir, 'admin.token'), passwordFile: join(dataDir, 'admin.password') };
  const created = await db.transaction().execute(async (trx) => {
    await lockFirstStart(trx);
    if ((await countOtherActiveAdmins(trx, null)) > 0) return false;
    const admin = await adminUser(trx, await hashPassword(password));
    const token = await issueToken(trx, actor, admin, {
      name: 'first-start admin token',
      scopes: ['read', 'write', 'admin'],
      expiresAt: null,
    });
    // Written before commit: if the files cannot be written, no admin exists and the next start retries.
    writeSecretFile(files.tokenFile, token.secret);
    writeSecretFile(files.passwordFile, password);
    return true;
  });
  if (!created) return null;
  logger.info(
    files,
    `created the first admin user "${firstAdminHandle}": its API token is in ${files.tokenFile} and its portal password in ${files.passwordFile} (both readable only by this user)`,
  );
  return files;
}

async function adminUser(trx: Db, passwordHash: string) {
  const existing = await findUserByHandle(trx, firstAdminHandle);
  if (!existing) {
    return insertUserAudited(
      trx,
      actor,
      { handle: firstAdminHandle, name: 'Steward administrator', role: 'admin' },
      passwordHash,
    );
  }
  // Only reachable if the database was edited by hand: restore the account rather than lock everyone out.
  const restored = await updateUserRow(trx, existing.id, {
    role: 'admin',
    disabled_at: null,
    password_hash: passwordHash,
  });
  await recordAudit(trx, {
    actor,
    action: 'user.update',
    subjectType: 'user',
    subjectId: firstAdminHandle,
    before: userSnapshot(existing),
    after: { ...userSnapshot(restored), passwordChanged: true },
  });
  return restored;
}

function writeSecretFile(path: string, secret: string): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `${secret}\n`, { mode: 0o600 });
    chmodSync(path, 0o600); // an existing file keeps its old mode otherwise
  } catch (error) {
    throw unavailable(
      `cannot write ${path}: ${(error as Error).message}. Give Steward a writable --data-dir, then start again`,
    );
  }
}

// Acknowledge and resolve links for notifications: no bearer, so they are signed (HMAC-SHA256 with a
// secret kept in the database, the same on every server) and expire. A GET only shows a confirmation
// page; the POST it makes does the step, so mail clients' link scanners, which GET, change nothing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AlertTables, Step } from './tables.ts';

export type LinkAction = 'acknowledge' | 'resolve';
export const stepOf: Record<LinkAction, Step> = { acknowledge: 'acknowledged', resolve: 'resolved' };

/** How long a link works: long enough for a night's escalation, short enough to go stale. */
export const linkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface LinkSigner {
  /** Absolute URLs to acknowledge and resolve the alert; `person` (a ref) is who the step is credited to. */
  actionLinks(
    alertId: string,
    options?: { person?: string; now?: Date },
  ): Promise<Record<LinkAction, string>>;
  /** The person the link names ('' when none) if the signature holds and it has not expired; else why not. */
  verify(link: SignedLink, now?: Date): Promise<{ ok: true; person: string } | { ok: false; reason: string }>;
}

export interface SignedLink {
  alertId: string;
  action: LinkAction;
  person: string;
  expires: string;
  sig: string;
}

export const linkPath = (alertId: string, action: LinkAction) =>
  `/api/v1/alert-links/${encodeURIComponent(alertId)}/${action}`;

export function linkSigner(db: Kysely<AlertTables>, publicUrl: string): LinkSigner {
  let secret: Promise<Buffer> | undefined;
  const key = () => {
    secret ??= loadSecret(db).catch((error) => {
      secret = undefined;
      throw error;
    });
    return secret;
  };
  const sign = async (l: Omit<SignedLink, 'sig'>) =>
    createHmac('sha256', await key())
      .update([l.alertId, l.action, l.person, l.expires].join('\n'))
      .digest('base64url');
  const base = publicUrl.replace(/\/+$/, '');

  return {
    async actionLinks(alertId, options = {}) {
      const expires = String((options.now ?? new Date()).getTime() + linkLifetimeMs);
      const person = options.person ?? '';
      const url = async (action: LinkAction) => {
        const sig = await sign({ alertId, action, person, expires });
        const query = new URLSearchParams({ ...(person ? { person } : {}), expires, sig });
        return `${base}${linkPath(alertId, action)}?${query}`;
      };
      return { acknowledge: await url('acknowledge'), resolve: await url('resolve') };
    },
    async verify(link, now = new Date()) {
      const expected = Buffer.from(await sign(link));
      const given = Buffer.from(link.sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'this link is not one Steward signed (it may have been changed)' };
      if (!/^\d+$/.test(link.expires) || Number(link.expires) < now.getTime())
        return { ok: false, reason: 'this link has expired; open the alert in Steward instead' };
      return { ok: true, person: link.person };
    },
  };
}

/** One secret for every server: the first to need it creates it; the others read that one. */
async function loadSecret(db: Kysely<AlertTables>): Promise<Buffer> {
  await db
    .insertInto('alert_link_secret')
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('alert_link_secret')
    .select('secret')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.secret, 'base64url');
}

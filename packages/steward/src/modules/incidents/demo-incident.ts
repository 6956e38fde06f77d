// The demo's past incident (steward serve --demo): Acme's payments team lost card payments for 47
// minutes nine days ago, ran it, and wrote its postmortem with follow-ups. Written as rows with fixed
// ids, once: starting the demo again changes nothing.
import { draftPostmortem } from './postmortem-draft.ts';
import type { FollowUp, IncidentView } from './schemas.ts';
import { type Db, insertIncident } from './store.ts';
import { addItem } from './timeline.ts';

const id = '5e7a1d2c-0000-4000-8000-00000000ac01';
const services = ['component:default/checkout-api', 'component:default/payment-gateway'];
const teams = ['group:default/payments'];
const roles = { commander: 'user:default/amara-nwosu', communications: 'user:default/jonas-weber' };

/** Minutes after the start, nine days ago at 14:02 UTC. */
function clock(now: Date) {
  const start = new Date(now);
  start.setUTCDate(start.getUTCDate() - 9);
  start.setUTCHours(14, 2, 0, 0);
  return (minutes: number) => new Date(start.getTime() + minutes * 60_000);
}

const day = 24 * 60;

const story: [number, string, string, string][] = [
  [
    0,
    'alert',
    'steward',
    'alert attached: PaymentGatewayErrors: card authorisations fail (5xx from the card processor)',
  ],
  [3, 'acknowledged', 'amara-nwosu', 'amara-nwosu acknowledged the PaymentGatewayErrors alert'],
  [
    4,
    'declared',
    'amara-nwosu',
    'amara-nwosu declared SEV2 "Card payments fail at checkout" affecting checkout-api, payment-gateway',
  ],
  [4, 'role', 'amara-nwosu', 'amara-nwosu made user:default/amara-nwosu commander'],
  [6, 'role', 'amara-nwosu', 'amara-nwosu made user:default/jonas-weber communications'],
  [7, 'state', 'amara-nwosu', 'amara-nwosu moved it from triage to active'],
  [
    9,
    'status-update',
    'jonas-weber',
    'Some card payments fail at checkout. PayPal works. We are investigating.',
  ],
  [
    15,
    'note',
    'sofia-garcia',
    'gateway pool exhausted since the 13:55 deploy of payment-gateway v2.31 (pool size 20 → 2, typo)',
  ],
  [21, 'note', 'amara-nwosu', 'rolling back payment-gateway to v2.30'],
  [29, 'state', 'amara-nwosu', 'amara-nwosu moved it from active to mitigated'],
  [
    31,
    'status-update',
    'jonas-weber',
    'Card payments work again. Orders that failed between 14:02 and 14:31 UTC can be retried.',
  ],
  [47, 'state', 'amara-nwosu', 'amara-nwosu moved it from mitigated to resolved'],
  [2 * day, 'postmortem', 'amara-nwosu', 'amara-nwosu drafted the postmortem'],
  [3 * day, 'state', 'amara-nwosu', 'amara-nwosu moved it from resolved to post-incident'],
  [3 * day + 1, 'state', 'amara-nwosu', 'amara-nwosu moved it from post-incident to closed'],
];
const updates = story.filter(([, type]) => type === 'status-update');

export async function seedDemoIncident(db: Db, now = new Date()): Promise<void> {
  const at = clock(now);
  await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst();
    if (exists) return;
    await insertIncident(trx, {
      id,
      title: 'Card payments fail at checkout',
      severity: 'SEV2',
      state: 'closed',
      services,
      teams,
      roles,
      merged_into: null,
      created_by: 'amara-nwosu',
      created_at: at(4),
      started_at: at(0),
      acknowledged_at: at(3),
      mitigated_at: at(29),
      resolved_at: at(47),
      closed_at: at(3 * day + 1),
      next_update_at: null,
    });
    for (const [n, [minutes, type, actor, text]] of story.entries())
      await addItem(trx, { incidentId: id, type, actor, text, at: at(minutes), dedupKey: `demo:${id}:${n}` });
    for (const [minutes, , author, summary] of updates)
      await trx
        .insertInto('incident_status_updates')
        .values({
          id: `${id.slice(0, -4)}${String(minutes).padStart(4, '0')}`,
          incident_id: id,
          at: at(minutes),
          author,
          state: minutes < 29 ? 'active' : 'mitigated',
          summary,
        })
        .execute();
    const followUps: FollowUp[] = [
      followUp(
        1,
        'Check pool settings in payment-gateway CI against limits',
        'user:default/sofia-garcia',
        at(-2 * day),
        true,
      ),
      followUp(
        2,
        'Alert on card-authorisation error rate above 2 % for 2 minutes',
        'group:default/payments',
        at(6 * day),
        false,
      ),
      followUp(3, 'Canary deploys for payment-gateway', 'group:default/platform', at(30 * day), false),
    ];
    for (const f of followUps)
      await trx
        .insertInto('incident_follow_ups')
        .values({
          id: f.id,
          incident_id: id,
          title: f.title,
          owner: f.owner,
          due: f.due,
          done_at: f.doneAt ? new Date(f.doneAt) : null,
          created_by: 'amara-nwosu',
          created_at: at(5 * day),
        })
        .execute();
    const timeline = await trx
      .selectFrom('incident_timeline')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('at')
      .execute();
    const markdown = withProse(
      draftPostmortem({
        incident: view(at),
        timeline: timeline.map((t) => ({
          id: t.id,
          at: new Date(t.at).toISOString(),
          type: t.type,
          actor: t.actor,
          text: t.text,
          editedAt: null,
        })),
        statusUpdates: updates.map(([minutes, , , summary]) => ({ at: at(minutes).toISOString(), summary })),
        followUps,
      }),
    );
    await trx
      .insertInto('incident_postmortems')
      .values({
        incident_id: id,
        markdown,
        version: 3,
        updated_by: 'amara-nwosu',
        updated_at: at(2 * day),
      })
      .execute();
  });
}

function followUp(n: number, title: string, owner: string, due: Date, done: boolean): FollowUp {
  const day = due.toISOString().slice(0, 10);
  return {
    id: `${id.slice(0, -2)}f${n}`,
    incidentId: id,
    incidentTitle: 'Card payments fail at checkout',
    title,
    owner,
    due: day,
    done,
    doneAt: done ? due.toISOString() : null,
    overdue: false,
  };
}

function view(at: (minutes: number) => Date): IncidentView {
  return {
    id,
    title: 'Card payments fail at checkout',
    state: 'closed',
    severity: 'SEV2',
    services,
    teams,
    roles,
    alerts: [],
    mergedInto: null,
    createdBy: 'amara-nwosu',
    createdAt: at(4).toISOString(),
    startedAt: at(0).toISOString(),
    acknowledgedAt: at(3).toISOString(),
    mitigatedAt: at(29).toISOString(),
    resolvedAt: at(47).toISOString(),
    closedAt: at(3 * day + 1).toISOString(),
    nextUpdateAt: null,
    allowedMoves: [],
  };
}

/** What the team wrote into the draft's prompts. */
function withProse(draft: string): string {
  return draft
    .replace(
      /_What made this possible.*_/,
      '- A typo in the pool size (2 for 20) passed review: the value is not checked against limits.\n- The deploy went to every instance at once; there is no canary for payment-gateway.\n- No alert on authorisation errors: the first page came from the generic 5xx alert, 4 minutes in.',
    )
    .replace(
      /_Detection, tooling, people.*_/,
      '- The page reached the on-call engineer at once; a commander was named within 4 minutes.\n- Rolling back took 8 minutes end to end.',
    )
    .replace(
      /_Where did we lose time.*_/,
      '- 11 minutes passed before anyone looked at the deploy that preceded the errors.\n- Status page updates went out by hand.',
    );
}

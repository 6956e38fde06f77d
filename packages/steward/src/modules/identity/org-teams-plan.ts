// What an organisation sync changes in teams, worked out in memory from every team there is: which
// to create (parents before children, whatever the input's order), which to update and how, and
// the audit entries. Refuses a parent that exists nowhere and a hierarchy that would loop.
import { randomUUID } from 'node:crypto';
import type { AuditEntryInput } from '../../platform/audit/audit-log.ts';
import { invalid } from '../../platform/errors.ts';
import type { NewTeamRow, TeamUpdate } from './bulk-store.ts';
import { cycleThrough, describeCycle } from './hierarchy.ts';
import type { TeamRow } from './tables.ts';
import { teamSnapshot } from './views.ts';

export interface TeamInput {
  name: string;
  displayName: string;
  description?: string | undefined;
  parent?: string | undefined;
}

export interface TeamsPlan {
  inserts: NewTeamRow[];
  updates: TeamUpdate[];
  audits: AuditEntryInput[];
  /** Every team's id by name once the plan is applied. */
  idByName: Map<string, string>;
}

export function planTeams(actor: string, existing: TeamRow[], input: TeamInput[]): TeamsPlan {
  const byName = new Map(existing.map((row) => [row.name, row]));
  const nameById = new Map(existing.map((row) => [row.id, row.name]));
  const wanted = new Map(input.map((team) => [team.name, team])); // a team listed twice: the last wins
  const parentOf = new Map(
    existing.map((row) => [row.name, row.parent_id ? nameById.get(row.parent_id) : undefined]),
  );
  for (const team of wanted.values()) {
    if (team.parent && !wanted.has(team.parent) && !byName.has(team.parent)) {
      const message = `parent team ${JSON.stringify(team.parent)} does not exist; create it first or leave parent out`;
      throw invalid(`team ${team.name}: ${message}`, [{ field: 'body.parent', message }]);
    }
    parentOf.set(team.name, team.parent);
  }
  refuseLoops(wanted, parentOf);

  const idByName = new Map(existing.map((row) => [row.name, row.id]));
  for (const name of wanted.keys()) if (!idByName.has(name)) idByName.set(name, randomUUID());
  const parentId = (name: string | undefined) => (name ? (idByName.get(name) ?? null) : null);
  const plan: TeamsPlan = { inserts: [], updates: [], audits: [], idByName };

  for (const name of parentsFirst(
    [...wanted.keys()].filter((n) => !byName.has(n)),
    parentOf,
  )) {
    const team = wanted.get(name) as TeamInput;
    const row = {
      id: idByName.get(name) as string,
      name,
      display_name: team.displayName,
      description: team.description ?? null,
      parent_id: parentId(team.parent),
    };
    plan.inserts.push(row);
    plan.audits.push({
      actor,
      action: 'team.create',
      subjectType: 'team',
      subjectId: name,
      after: teamSnapshot({ ...row, created_at: new Date() }, team.parent ?? null),
    });
  }
  for (const team of wanted.values()) {
    const before = byName.get(team.name);
    if (before)
      planTeamUpdate(
        plan,
        actor,
        before,
        team,
        before.parent_id ? (nameById.get(before.parent_id) ?? null) : null,
      );
  }
  return plan;
}

function planTeamUpdate(
  plan: TeamsPlan,
  actor: string,
  before: TeamRow,
  team: TeamInput,
  parentBefore: string | null,
) {
  const description = team.description ?? null;
  const parent = team.parent ?? null;
  const update: TeamUpdate = {
    id: before.id,
    display_name: team.displayName !== before.display_name ? team.displayName : null,
    set_description: description !== before.description,
    description,
    set_parent: parent !== parentBefore,
    parent_id: parent ? (plan.idByName.get(parent) ?? null) : null,
  };
  if (update.display_name === null && !update.set_description && !update.set_parent) return;
  plan.updates.push(update);
  const after = { ...before, display_name: team.displayName, description, parent_id: update.parent_id };
  plan.audits.push({
    actor,
    action: 'team.update',
    subjectType: 'team',
    subjectId: before.name,
    before: teamSnapshot(before, parentBefore),
    after: teamSnapshot(after, parent),
  });
}

/** The first team of the input whose parent would put it beneath itself is named, with the loop. */
function refuseLoops(wanted: Map<string, TeamInput>, parentOf: Map<string, string | undefined>): void {
  for (const team of wanted.values()) {
    if (!team.parent) continue;
    const chain: string[] = [];
    for (
      let at: string | undefined = team.parent;
      at !== undefined && !chain.includes(at);
      at = parentOf.get(at)
    ) {
      chain.push(at);
    }
    const cycle = cycleThrough(team.name, chain);
    if (cycle) {
      const message = describeCycle(team.name, team.parent, cycle);
      throw invalid(message, [{ field: 'body.parent', message }]);
    }
  }
}

/** The new teams ordered so that each comes after its parent when that is new too. */
function parentsFirst(names: string[], parentOf: Map<string, string | undefined>): string[] {
  const fresh = new Set(names);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    placed.add(name);
    const parent = parentOf.get(name);
    if (parent && fresh.has(parent)) place(parent);
    ordered.push(name);
  };
  for (const name of names) place(name);
  return ordered;
}

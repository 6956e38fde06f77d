// Identity's projection of the catalog's Groups and Users: teams, people and memberships made to match
// what the catalog holds now. Run after every change that names a Group or User (on one server per
// change: catalog-follow.ts), at start, and by identity's own API right after it wrote an entity.
// Idempotent and whole (the organisation is small beside the catalog): it reads every Group and
// User, adds and updates, removes teams and memberships the catalog no longer has, and disables the
// people whose User left it. Steward's own fields are never touched: roles (a catalog file may set
// member or viewer on a person it adds, never later), passwords, tokens, and a disabling by an admin.
// Rows the catalog never held (the first admin, teams from before) are left alone.
import type { Logger } from '../../platform/logging.ts';
import { catalogOrg } from './catalog-org.ts';
import type { EndStreams } from './end-streams.ts';
import { parseOrg, upsertOrg } from './import-org.ts';
import { disableGonePeople, enableReturnedPeople, markFromCatalog } from './project-people.ts';
import { removeGoneTeams, syncMemberships } from './project-teams.ts';
import { type Db, listUserRows, lockTeamHierarchy } from './store.ts';

export interface ProjectionDeps {
  db: Db;
  logger: Logger;
  /** Every Group and User body in the catalog (the catalog's face). */
  listPeopleEntities: () => Promise<unknown[]>;
  /** Given to people added who have no password yet (the demo's shared password). */
  password?: string | undefined;
  endStreams: EndStreams;
}

export type Project = (actor?: string) => Promise<void>;

export function projectCatalog(deps: ProjectionDeps): Project {
  return async (actor = 'system:catalog') => {
    const { org, memberships } = catalogOrg(await deps.listPeopleEntities());
    const disabled = await deps.db.transaction().execute(async (trx) => {
      // One projection at a time (upsertOrg takes the same lock again): who is known stays true.
      await lockTeamHierarchy(trx);
      const known = new Set((await listUserRows(trx)).map((u) => u.handle));
      const users = org.users.map((u) => ({ ...u, role: known.has(u.handle) ? undefined : u.role }));
      const teamIds = await upsertOrg(trx, parseOrg({ ...org, users, password: deps.password }), actor);
      const teams = org.teams.map((t) => t.name);
      const handles = org.users.map((u) => u.handle);
      await markFromCatalog(trx, teams, handles);
      await removeGoneTeams(trx, actor, new Set(teams));
      await syncMemberships(trx, actor, memberships, teamIds);
      await enableReturnedPeople(trx, actor, new Set(handles));
      return disableGonePeople(trx, actor, new Set(handles), deps.logger);
    });
    for (const user of disabled) {
      await deps.endStreams([{ userId: user.id }], `user ${user.handle} is no longer in the catalog`);
    }
  };
}

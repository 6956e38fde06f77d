// Which catalog entity each team and person is, added to the API's answers: what a file holds is
// changed in the file, so a portal or script can tell before trying (a change answers 409 otherwise).
import type { PeopleEntities } from '../catalog/index.ts';
import { groupRef, userRef } from './people-entities.ts';

type Entity = Awaited<ReturnType<PeopleEntities['origins']>> extends Map<string, infer O> ? O | null : never;

export async function withTeamEntities<T extends { name: string }>(
  people: PeopleEntities,
  teams: T[],
): Promise<(T & { entity: Entity })[]> {
  const origins = await people.origins(teams.map((t) => groupRef(t.name)));
  return teams.map((team) => ({ ...team, entity: origins.get(groupRef(team.name)) ?? null }));
}

export async function withUserEntities<T extends { handle: string }>(
  people: PeopleEntities,
  users: T[],
): Promise<(T & { entity: Entity })[]> {
  const origins = await people.origins(users.map((u) => userRef(u.handle)));
  return users.map((user) => ({ ...user, entity: origins.get(userRef(user.handle)) ?? null }));
}

export const withTeamEntity = async <T extends { name: string }>(people: PeopleEntities, team: T) =>
  (await withTeamEntities(people, [team]))[0] as T & { entity: Entity };

export const withUserEntity = async <T extends { handle: string }>(people: PeopleEntities, user: T) =>
  (await withUserEntities(people, [user]))[0] as T & { entity: Entity };

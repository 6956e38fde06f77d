// Teams and their members: read by anyone signed in, created by admins, edited by their members,
// with membership changed by the team's leads (and admins).
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { removeMembership, setMembership } from './memberships-service.ts';
import {
  createTeamSchema,
  setMembershipSchema,
  teamDetailSchema,
  teamSchema,
  updateTeamSchema,
} from './schemas.ts';
import type { Db } from './store.ts';
import { createTeam, getTeamDetail, listTeams, updateTeam } from './teams-service.ts';

const tags = ['identity'];
const teamParams = z.strictObject({ name: z.string().min(1).max(63) });
const memberParams = teamParams.extend({ handle: z.string().min(1).max(63) });

export function teamRoutes(db: Db) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/teams',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Every team, with parent and children',
          response: { 200: listOf(teamSchema) },
        },
      },
      async () => ({ items: await listTeams(db) }),
    );

    app.get(
      '/api/v1/teams/:name',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'One team and its members',
          params: teamParams,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) => getTeamDetail(db, request.params.name),
    );

    app.post(
      '/api/v1/teams',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Create a team (admins)',
          body: createTeamSchema,
          response: { 201: teamDetailSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createTeam(db, callerOf(request), request.body)),
    );

    app.patch(
      '/api/v1/teams/:name',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: "Change a team's name, description or parent (its members and admins)",
          params: teamParams,
          body: updateTeamSchema,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) => updateTeam(db, callerOf(request), request.params.name, request.body),
    );

    app.put(
      '/api/v1/teams/:name/members/:handle',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: "Add a member or change their role (the team's leads and admins)",
          params: memberParams,
          body: setMembershipSchema.nullish(),
          response: { 200: teamDetailSchema },
        },
      },
      async (request) =>
        setMembership(
          db,
          callerOf(request),
          request.params.name,
          request.params.handle,
          request.body?.role ?? 'member',
        ),
    );

    app.delete(
      '/api/v1/teams/:name/members/:handle',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: "Remove a member (the team's leads and admins)",
          params: memberParams,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) => removeMembership(db, callerOf(request), request.params.name, request.params.handle),
    );
  };
}

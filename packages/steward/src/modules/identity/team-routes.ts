// Teams and their members: read by anyone signed in, created by admins, edited by their members,
// with membership changed by the team's leads (and admins).
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { IdentityContext } from './context.ts';
import { withTeamEntities, withTeamEntity } from './entity-links.ts';
import { removeMembership, setMembership } from './memberships-service.ts';
import {
  createTeamSchema,
  setMembershipSchema,
  type TeamDetail,
  teamDetailSchema,
  teamSchema,
  updateTeamSchema,
} from './schemas.ts';
import { deleteTeam } from './team-removal.ts';
import { createTeam, getTeamDetail, listTeams, updateTeam } from './teams-service.ts';

const tags = ['identity'];
const teamParams = z.strictObject({ name: z.string().min(1).max(63) });
const memberParams = teamParams.extend({ handle: z.string().min(1).max(63) });

export function teamRoutes(ctx: IdentityContext) {
  const { db } = ctx;
  const linked = async (team: Promise<TeamDetail>) => withTeamEntity(ctx.people, await team);
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
      async () => ({ items: await withTeamEntities(ctx.people, await listTeams(db)) }),
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
      async (request) => linked(getTeamDetail(db, request.params.name)),
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
      async (request, reply) =>
        reply.code(201).send(await linked(createTeam(ctx, callerOf(request), request.body))),
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
      async (request) => linked(updateTeam(ctx, callerOf(request), request.params.name, request.body)),
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
        linked(
          setMembership(
            ctx,
            callerOf(request),
            request.params.name,
            request.params.handle,
            request.body?.role ?? 'member',
          ),
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
      async (request) =>
        linked(removeMembership(ctx, callerOf(request), request.params.name, request.params.handle)),
    );

    app.delete(
      '/api/v1/teams/:name',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary:
            'Delete a team and its memberships (admins): its Group leaves the catalog; a team with sub-teams, or whose Group a catalog file holds, is refused (409)',
          params: teamParams,
          response: { 200: teamDetailSchema.describe('the team as it was') },
        },
      },
      async (request) => deleteTeam(ctx, callerOf(request), request.params.name),
    );
  };
}

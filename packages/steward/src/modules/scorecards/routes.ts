// The scorecards API: scorecards with their levels and results, roll-ups, an entity's scorecards,
// and campaigns (read by anyone signed in; run by admins and the scorecard's owning team).
import { callerOf } from '../../platform/http/caller.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import {
  type CampaignContext,
  createCampaign,
  editCampaign,
  endCampaign,
  getCampaign,
  listCampaigns,
} from './campaigns.ts';
import {
  campaignListSchema,
  campaignParamsSchema,
  campaignQuerySchema,
  campaignSchema,
  createCampaignSchema,
  entityScorecardsSchema,
  rollupListSchema,
  rollupQuerySchema,
  scorecardDetailSchema,
  scorecardEntityParamsSchema,
  scorecardListSchema,
  scorecardParamsSchema,
  scorecardQuerySchema,
  updateCampaignSchema,
} from './schemas.ts';
import type { ScorecardsService } from './scorecards-service.ts';

const tags = ['scorecards'];

export function scorecardRoutes(service: ScorecardsService, campaigns: CampaignContext) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/scorecards',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Every scorecard with its levels and rules, and how many entities hold each level',
          querystring: scorecardQuerySchema,
          response: { 200: scorecardListSchema },
        },
      },
      async (request) => ({ items: await service.list(request.query) }),
    );

    app.get(
      '/api/v1/scorecards/:name',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary:
            'One scorecard: each entity it applies to, the level it holds, every rule with its evidence',
          params: scorecardParamsSchema,
          querystring: scorecardQuerySchema,
          response: { 200: scorecardDetailSchema },
        },
      },
      async (request) => service.get(request.params.name, request.query),
    );

    app.get(
      '/api/v1/scorecards/:name/rollups',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'A scorecard rolled up per team, system or domain: average score, levels, worst rules',
          params: scorecardParamsSchema,
          querystring: rollupQuerySchema,
          response: { 200: rollupListSchema },
        },
      },
      async (request) => service.rollups(request.params.name, request.query.by),
    );

    app.get(
      '/api/v1/entities/:kind/:namespace/:name/scorecards',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'The scorecards that apply to an entity, the level it holds on each and its next steps',
          params: scorecardEntityParamsSchema,
          response: { 200: entityScorecardsSchema },
        },
      },
      async (request) => {
        const { kind, namespace, name } = request.params;
        return { items: await service.forEntity(`${kind}:${namespace}/${name}`) };
      },
    );

    app.get(
      '/api/v1/campaigns',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Scorecard campaigns, soonest deadline first, each with its progress per team',
          querystring: campaignQuerySchema,
          response: { 200: campaignListSchema },
        },
      },
      async (request) => ({ items: await listCampaigns(campaigns, request.query) }),
    );

    app.get(
      '/api/v1/campaigns/:id',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'One campaign and its progress: entities in scope, passing, per team, those remaining',
          params: campaignParamsSchema,
          response: { 200: campaignSchema },
        },
      },
      async (request) => getCampaign(campaigns, request.params.id),
    );

    app.post(
      '/api/v1/campaigns',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: "Start a campaign (admins, and members of the scorecard's owning team)",
          body: createCampaignSchema,
          response: { 201: campaignSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createCampaign(campaigns, callerOf(request), request.body)),
    );

    app.patch(
      '/api/v1/campaigns/:id',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: "Change an open campaign's name, goal, deadline, message or teams",
          params: campaignParamsSchema,
          body: updateCampaignSchema,
          response: { 200: campaignSchema },
        },
      },
      async (request) => editCampaign(campaigns, callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/campaigns/:id/close',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Close a campaign: it stays listed, no longer overdue',
          params: campaignParamsSchema,
          response: { 200: campaignSchema },
        },
      },
      async (request) => endCampaign(campaigns, callerOf(request), request.params.id),
    );
  };
}

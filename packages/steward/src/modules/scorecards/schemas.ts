// The scorecards API's shapes, declared once: routes, the OpenAPI document, the CLI and the portal read them.
import { z } from 'zod';
import { listOf } from '../../platform/http/list-schema.ts';

const name = z.string().min(1).max(253);
const team = z.string().min(1).max(253).describe('a team: its name or Group ref (group:payments)');

export const scorecardParamsSchema = z.strictObject({
  name: name.describe("the scorecard's name (namespace/name outside the default namespace)"),
});
export const scorecardQuerySchema = z.strictObject({
  team: team.optional().describe("only this team's entities"),
});
export const rollupQuerySchema = z.strictObject({
  by: z.enum(['team', 'system', 'domain']).default('team'),
});
export const scorecardEntityParamsSchema = z.strictObject({ kind: name, namespace: name, name });

export const ruleSchema = z.object({
  id: z.string(),
  title: z.string(),
  check: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  level: z.string(),
  weight: z.number().int(),
  /** The next step shown beside the rule when it fails. */
  howToFix: z.string(),
});

export const ruleResultSchema = ruleSchema.omit({ params: true }).extend({
  pass: z.boolean(),
  /** Why it passes or fails, for a person. */
  evidence: z.string(),
});
export type RuleResultView = z.infer<typeof ruleResultSchema>;

export const entityResultSchema = z.object({
  entity: z.string(),
  kind: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  owner: z.string().nullable(),
  system: z.string().nullable(),
  domain: z.string().nullable(),
  /** The highest level held (every rule of it and below passes); null for none. */
  level: z.string().nullable(),
  nextLevel: z.string().nullable(),
  /** Weighted percent of passing rules, one decimal. */
  score: z.number(),
  rules: z.array(ruleResultSchema),
  /** The failing rules, next step first (lowest level, then heaviest), each with its howToFix. */
  nextSteps: z.array(ruleResultSchema),
});
export type EntityResultView = z.infer<typeof entityResultSchema>;

const levelCountSchema = z.object({ level: z.string().nullable(), count: z.number().int() });

export const scorecardSummarySchema = z.object({
  name: z.string(),
  /** The Scorecard entity; null for the built-in one (used while the catalog defines none). */
  ref: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  owner: z.string().nullable(),
  appliesTo: z.object({
    kinds: z.array(z.string()),
    types: z.array(z.string()).optional(),
    lifecycles: z.array(z.string()).optional(),
    tiers: z.array(z.number()).optional(),
  }),
  levels: z.array(z.string()),
  rules: z.array(ruleSchema),
  /** Entities it applies to (in the team asked for, if any). */
  entities: z.number().int(),
  averageScore: z.number(),
  /** Every level, then null (holding none): how many entities hold it. */
  levelCounts: z.array(levelCountSchema),
});
export type ScorecardSummary = z.infer<typeof scorecardSummarySchema>;
export const scorecardListSchema = listOf(scorecardSummarySchema);

export const scorecardDetailSchema = scorecardSummarySchema.extend({ results: z.array(entityResultSchema) });
export type ScorecardDetail = z.infer<typeof scorecardDetailSchema>;

export const rollupSchema = z.object({
  group: z.string().nullable(),
  entities: z.number().int(),
  averageScore: z.number(),
  levels: z.array(levelCountSchema),
  worstRules: z.array(
    z.object({ id: z.string(), title: z.string(), level: z.string(), failing: z.number() }),
  ),
});
export type RollupView = z.infer<typeof rollupSchema>;
export const rollupListSchema = z.object({
  scorecard: z.string(),
  by: z.enum(['team', 'system', 'domain']),
  levels: z.array(z.string()),
  items: z.array(rollupSchema),
});
export type RollupList = z.infer<typeof rollupListSchema>;

export const entityScorecardsSchema = listOf(
  z.object({
    scorecard: scorecardSummarySchema.pick({ name: true, title: true, levels: true }),
    result: entityResultSchema,
  }),
);
export type EntityScorecards = z.infer<typeof entityScorecardsSchema>;

const date = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
const campaignName = z.string().trim().min(1).max(200);
const message = z.string().trim().min(1).max(4000);
const ruleIds = z.array(z.string().min(1).max(253)).max(100);
const teams = z.array(team).max(200);

export const createCampaignSchema = z.strictObject({
  name: campaignName,
  scorecard: name.describe("the scorecard's name"),
  level: z.string().min(1).max(100).optional().describe('the level to reach'),
  rules: ruleIds.optional().describe('rule ids every entity must pass'),
  deadline: date,
  message: message.describe('what the teams are asked, and why'),
  teams: teams.optional().describe('only these teams (names or Group refs); absent, every team'),
});
export type CreateCampaign = z.infer<typeof createCampaignSchema>;

export const updateCampaignSchema = z
  .strictObject({
    name: campaignName.optional(),
    level: z.string().min(1).max(100).nullable().optional(),
    rules: ruleIds.optional(),
    deadline: date.optional(),
    message: message.optional(),
    teams: teams.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'say what to change: name, level, rules, deadline, message or teams',
  });
export type UpdateCampaign = z.infer<typeof updateCampaignSchema>;

export const campaignParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
export const campaignQuerySchema = z.strictObject({
  scorecard: name.optional(),
  state: z.enum(['open', 'closed']).optional(),
});

export const campaignProgressSchema = z.object({
  inScope: z.number().int(),
  passing: z.number().int(),
  percent: z.number(),
  overdue: z.boolean(),
  teams: z.array(
    z.object({ team: z.string().nullable(), inScope: z.number().int(), passing: z.number().int() }),
  ),
  remaining: z.array(
    z.object({ entity: z.string(), owner: z.string().nullable(), failing: z.array(z.string()) }),
  ),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  scorecard: z.string(),
  level: z.string().nullable(),
  rules: z.array(z.string()),
  teams: z.array(z.string()),
  deadline: z.string(),
  message: z.string(),
  state: z.enum(['open', 'closed']),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  progress: campaignProgressSchema,
});
export type CampaignView = z.infer<typeof campaignSchema>;
export const campaignListSchema = listOf(campaignSchema);

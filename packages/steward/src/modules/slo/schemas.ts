// The SLO API's shapes, declared once: routes, the OpenAPI document, the CLI and the portal read them.
import { z } from 'zod';
import { listOf } from '../../platform/http/list-schema.ts';

export const sloQuerySchema = z.strictObject({
  service: z.string().min(1).max(253).optional().describe('a service: its name or entity ref'),
  team: z.string().min(1).max(253).optional().describe("a team: its name or Group ref (its services' SLOs)"),
});

export const sloParamsSchema = z.strictObject({ id: z.string().min(1).max(253) });

export const sloSchema = z.object({
  /** Sloth's id, `<service>-<name>`: the `sloth_id` label of the SLO's series and alerts. */
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** The catalog entity the spec is attached to. */
  service: z.string(),
  /** The service's owning Group (null when the catalog names none). */
  team: z.string().nullable(),
  /** What the spec calls the service (`sloth_service` on every series). */
  slothService: z.string(),
  /** Percent, e.g. 99.9. */
  objective: z.number(),
  /** The SLO's period, e.g. `30d`. */
  period: z.string(),
  spec: z.enum(['prometheus/v1', 'openslo/v1']),
  /** The spec file, from its catalog source's root, and the SLO's line in it. */
  file: z.string(),
  line: z.number().int(),
  /** The generated rule groups (`sloth-slo-sli-recordings-<id>`, …). */
  ruleGroups: z.array(z.string()),
});
export type SloView = z.infer<typeof sloSchema>;

export const sloListSchema = listOf(sloSchema);

export const sloStatusSchema = z.object({
  /** ok; no-prometheus (none configured); unreachable (it did not answer); no-data (rules not loaded). */
  state: z.enum(['ok', 'no-prometheus', 'unreachable', 'no-data']),
  /** Why there is no status, for a person. */
  message: z.string().nullable(),
  at: z.string(),
  /** Where the period being judged starts (the burn-down's start): \`at\` less the SLO's period. */
  since: z.string(),
  /** The error budget left over the period: 1 untouched, 0 spent, below 0 overspent. */
  budgetRemaining: z.number().nullable(),
  /** slo:current_burn_rate:ratio (over 5m): 1 spends the budget exactly by the period's end. */
  currentBurnRate: z.number().nullable(),
  /** The burn rate over each window Sloth records (5m … 3d, and the period). */
  burnRates: z.array(z.object({ window: z.string(), rate: z.number().nullable() })),
  /** The budget left over the last period, oldest first. */
  burnDown: z.array(z.object({ at: z.string(), remaining: z.number() })),
});
export type SloStatus = z.infer<typeof sloStatusSchema>;

export const sloDetailSchema = sloSchema.extend({
  /** This SLO's Prometheus rules document, as `steward slo generate` writes it. */
  rules: z.string(),
  status: sloStatusSchema,
});
export type SloDetail = z.infer<typeof sloDetailSchema>;

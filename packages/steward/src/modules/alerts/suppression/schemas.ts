// The suppression API's shapes, declared once: routes validate and serialise with them, the OpenAPI
// document comes from them, and the CLI and portal import their types.
import { z } from 'zod';

const time = z.iso.datetime({ offset: true });

export const matcherSchema = z
  .object({
    name: z.string().min(1).max(256).describe('label name, e.g. service'),
    value: z.string().max(4096).describe('the value, or an RE2 regex matched against the whole value'),
    isRegex: z.boolean(),
    isEqual: z.boolean().default(true).describe('false for != and !~'),
  })
  .describe("Alertmanager's matcher");

export const matcherInputSchema = z.union([
  matcherSchema,
  z.string().min(1).max(4096).describe('the string form: service="checkout", severity=~"warn|crit"'),
]);

export const silenceStateSchema = z
  .enum(['active', 'pending', 'expired'])
  .describe('pending: starts later; expired: ended (at its end, by hand, or when its alert resolved)');

export const createSilenceSchema = z.strictObject({
  matchers: z.array(matcherInputSchema).max(64),
  startsAt: time.optional().describe('default: now (a time already past is now, as in Alertmanager)'),
  endsAt: time.optional().describe('required unless untilResolved is given'),
  untilResolved: z
    .union([z.literal(true), z.string().min(1).max(200)])
    .optional()
    .describe(
      'an alert id: the silence ends when it resolves; true: when the first alert it silences resolves',
    ),
  comment: z.string().min(1).max(2000),
  createdBy: z.string().max(200).optional().describe('ignored: the caller is recorded'),
});
export type CreateSilence = z.infer<typeof createSilenceSchema>;

export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(matcherSchema.required()),
  text: z.string().describe('the matchers in string form, comma-separated'),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().nullable().describe('null while it lasts until an alert resolves'),
  untilResolved: z
    .object({ alertId: z.string().nullable().describe('null until it silences its first alert') })
    .nullable(),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiredBy: z.string().nullable(),
  state: silenceStateSchema,
});
export type SilenceView = z.infer<typeof silenceSchema>;

export const createMaintenanceSchema = z.strictObject({
  service: z.string().min(1).max(300).describe('the service, e.g. checkout or component:default/checkout'),
  startsAt: time.optional().describe('default: now (a time already past is now, as in Alertmanager)'),
  endsAt: time,
  reason: z.string().min(1).max(2000),
});
export type CreateMaintenance = z.infer<typeof createMaintenanceSchema>;

export const maintenanceSchema = z.object({
  id: z.string(),
  service: z.string().describe('the full ref, e.g. component:default/checkout'),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  endedBy: z.string().nullable(),
  state: silenceStateSchema,
});
export type MaintenanceView = z.infer<typeof maintenanceSchema>;

export const suppressionListQuery = z.strictObject({ state: silenceStateSchema.optional() });
export const maintenanceListQuery = suppressionListQuery.extend({
  service: z.string().min(1).max(300).optional(),
});
export const idParams = z.strictObject({ id: z.string().min(1).max(100) });

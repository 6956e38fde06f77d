// The shapes of `steward scan --format json`, declared once: the contract's finding (ruleId, severity,
// message, file, line, resource, owner, aliases) plus Steward's extras, for the CLI's tests now and
// the API and portal later.
import { z } from 'zod';
import { severities } from './engine/model.ts';

export const exemptionSyntaxSchema = z.enum([
  'steward-annotation',
  'steward-comment',
  'central',
  'kube-score',
  'polaris',
  'checkov',
  'trivy',
  'hadolint',
]);

export const findingSchema = z.object({
  ruleId: z.string().describe('Steward rule id, e.g. k8s-privileged'),
  severity: z.enum(severities),
  message: z.string().describe('what is wrong and how to fix it'),
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  resource: z.string().nullable().describe('Kind/namespace/name, or Kind/name when cluster-wide'),
  owner: z.string().nullable().describe('entity ref of the owning team, a CODEOWNERS owner, or null'),
  aliases: z.array(z.string().regex(/^(kube-score|polaris|checkov|trivy|hadolint):\S+$/)),
  fingerprint: z.string().describe('stable across line moves: what baselines match on'),
  container: z.string().optional(),
  expiredExemption: z
    .object({
      file: z.string(),
      line: z.number().int(),
      expires: z.string().nullable(),
      written: z.string().optional(),
      syntax: exemptionSyntaxSchema.optional(),
      reason: z.string().nullable().optional(),
      approver: z.string().nullable().optional(),
    })
    .optional()
    .describe('the exemption that covered this finding until it expired'),
  exemptedBy: z
    .object({ file: z.string(), line: z.number().int(), expires: z.string().nullable() })
    .optional()
    .describe('on `exempted` findings: the exemption (where it is written) that covers it'),
});

export const exemptionSchema = z.object({
  rules: z.array(z.string()),
  written: z.string().describe('as written: k8s-privileged, CKV_K8S_16, container-resources'),
  syntax: exemptionSyntaxSchema,
  reason: z.string().nullable(),
  expires: z.string().nullable(),
  approver: z.string().nullable(),
  container: z.string().nullable(),
  image: z.string().nullable(),
  file: z.string(),
  line: z.number().int(),
  resource: z.string().nullable(),
  findings: z.array(z.string()).describe('fingerprints of the findings it exempted'),
});

export const scanJsonSchema = z.object({
  findings: z.array(findingSchema),
  exemptions: z.array(exemptionSchema),
  exempted: z.array(findingSchema).describe('the findings the exemptions cover, each with exemptedBy'),
  problems: z.array(
    z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() }),
  ),
  baselined: z.number().int(),
});

export type ScanJson = z.infer<typeof scanJsonSchema>;

const text = (max: number) => z.string().max(max);

/** A finding as uploaded: the JSON report's, with strings bounded so one upload cannot fill the disk. */
const uploadedFindingSchema = findingSchema.extend({
  ruleId: text(200).min(1),
  message: text(4000),
  file: text(1000),
  resource: text(500).nullable(),
  owner: text(500).nullable(),
  fingerprint: text(200),
  container: text(300).optional(),
});

/** `PUT /api/v1/guardrails/scans/:target`: the body is what `steward scan --format json` prints. */
export const scanUploadSchema = z.object({
  findings: z.array(uploadedFindingSchema).max(100_000),
  exemptions: z
    .array(
      exemptionSchema.extend({
        reason: text(2000).nullable(),
        approver: text(300).nullable(),
        file: text(1000),
        resource: text(500).nullable(),
      }),
    )
    .max(20_000),
  exempted: z
    .array(uploadedFindingSchema)
    .max(100_000)
    .default([])
    .describe('the findings the exemptions cover (older reports may lack it)'),
  problems: z
    .array(
      z.object({ file: text(1000), line: z.number().int(), column: z.number().int(), message: text(4000) }),
    )
    .max(20_000)
    .default([]),
  baselined: z.number().int().optional(),
});

export const scanTargetParamsSchema = z.strictObject({
  target: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[^\s\p{Cc}]+$/u, 'must be a repository name without spaces, e.g. github.com/acme/shop')
    .describe('the repository scanned, URL-encoded: github.com%2Facme%2Fshop'),
});

export const scanUploadAnswerSchema = z.object({
  target: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  findings: z.number().int().describe('open findings stored'),
  exempted: z.number().int().describe('findings an exemption covers, stored with it'),
  exemptions: z.number().int().describe('exemptions used, or found expired'),
  problems: z.number().int().describe('files the scan could not read'),
});

export type ScanUpload = z.infer<typeof scanUploadSchema>;
export type ScanUploadAnswer = z.infer<typeof scanUploadAnswerSchema>;

const refFilter = (what: string) => z.string().min(1).max(500).optional().describe(what);

/** `GET /api/v1/guardrails/findings`: the latest scan of every target, filtered; paged with `cursor`. */
export const findingsQuerySchema = z.strictObject({
  team: refFilter('a Group name or ref: payments, group:default/payments'),
  service: refFilter('an entity name or ref: checkout, component:default/checkout'),
  target: refFilter('a repository: github.com/acme/shop'),
  severity: z.enum(severities).optional(),
  state: z
    .enum(['open', 'exempted', 'all'])
    .default('open')
    .describe('open (default): no exemption covers it today; exempted: one does'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` of a previous page')
    .max(2000)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const scanExemptionViewSchema = z.object({
  target: z.string(),
  rules: z.array(z.string()),
  written: z.string().describe('as written: k8s-privileged, CKV_K8S_16, container-resources'),
  syntax: exemptionSyntaxSchema.nullable(),
  reason: z.string().nullable(),
  approver: z.string().nullable(),
  expires: z.string().nullable().describe('YYYY-MM-DD, the last day it holds; null: no expiry'),
  expired: z.boolean().describe('its last day is past (UTC)'),
  daysLeft: z
    .number()
    .int()
    .nullable()
    .describe('days until it expires (0: today is its last day; negative: expired); null: no expiry'),
  file: z.string(),
  line: z.number().int(),
  resource: z.string().nullable(),
  team: z.string().nullable(),
  service: z.string().nullable(),
  findings: z.number().int().describe('findings it covers (or covered, before it expired)'),
  uploadedAt: z.string().describe('when the scan that saw it was uploaded'),
});

export const scanFindingViewSchema = z.object({
  target: z.string(),
  ruleId: z.string(),
  severity: z.enum(severities),
  message: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  resource: z.string().nullable(),
  container: z.string().nullable(),
  aliases: z.array(z.string()),
  fingerprint: z.string(),
  team: z.string().nullable().describe('entity ref of the owning Group'),
  service: z.string().nullable().describe('entity ref of the service the resource or file belongs to'),
  exempted: z.boolean().describe('an exemption covers it today'),
  exemption: z
    .object({
      written: z.string(),
      reason: z.string().nullable(),
      approver: z.string().nullable(),
      expires: z.string().nullable(),
      file: z.string(),
      line: z.number().int(),
    })
    .nullable()
    .describe('the exemption that covered it at the scan (it may have expired since)'),
  uploadedAt: z.string(),
});

export const findingListSchema = z.object({
  items: z.array(scanFindingViewSchema),
  next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last'),
});

export const findingSummaryQuerySchema = z.strictObject({
  by: z.enum(['team', 'service', 'target']).describe('what to group the open findings by'),
  team: refFilter('a Group name or ref'),
  service: refFilter('an entity name or ref'),
  target: refFilter('a repository'),
});

export const findingSummarySchema = z.object({
  items: z.array(
    z.object({
      key: z.string().nullable().describe('the team, service or target; null: findings nothing claims'),
      critical: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
      info: z.number().int(),
      open: z.number().int().describe('all open findings (the sum of the severities)'),
      exempted: z.number().int().describe('findings an exemption covers today'),
    }),
  ),
});

export const exemptionsQuerySchema = z.strictObject({
  team: refFilter('a Group name or ref'),
  service: refFilter('an entity name or ref'),
  target: refFilter('a repository'),
  state: z.enum(['live', 'expired', 'all']).default('all'),
});

export const scanViewSchema = z.object({
  target: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  findings: z.number().int().describe('findings no exemption covered at the scan'),
  exempted: z.number().int(),
  problems: z.number().int(),
});

export type FindingsQuery = z.infer<typeof findingsQuerySchema>;
export type FindingSummaryQuery = z.infer<typeof findingSummaryQuerySchema>;
export type ExemptionsQuery = z.infer<typeof exemptionsQuerySchema>;
export type ScanFindingView = z.infer<typeof scanFindingViewSchema>;
export type ScanExemptionView = z.infer<typeof scanExemptionViewSchema>;
export type FindingSummary = z.infer<typeof findingSummarySchema>;
export type ScanView = z.infer<typeof scanViewSchema>;

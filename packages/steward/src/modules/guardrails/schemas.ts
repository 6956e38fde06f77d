// The shapes of `steward scan --format json`, declared once: the contract's finding (ruleId, severity,
// message, file, line, resource, owner, aliases) plus Steward's extras, for the CLI's tests now and
// the API and portal later.
import { z } from 'zod';
import { severities } from './engine/model.ts';

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
    .object({ file: z.string(), line: z.number().int(), expires: z.string().nullable() })
    .optional(),
});

export const exemptionSchema = z.object({
  rules: z.array(z.string()),
  written: z.string().describe('as written: k8s-privileged, CKV_K8S_16, container-resources'),
  syntax: z.enum([
    'steward-annotation',
    'steward-comment',
    'central',
    'kube-score',
    'polaris',
    'checkov',
    'trivy',
    'hadolint',
  ]),
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
  problems: z.array(
    z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() }),
  ),
  baselined: z.number().int(),
});

export type ScanJson = z.infer<typeof scanJsonSchema>;

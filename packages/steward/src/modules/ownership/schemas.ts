// The "who owns this?" answer, declared once: the engine's types, the API's validation and OpenAPI
// document, the CLI's JSON and the portal all come from these schemas.
import { z } from 'zod';
import { listOf } from '../../platform/http/list-schema.ts';

export const whoOwnsKindSchema = z
  .enum(['entity', 'path', 'kubernetes', 'alert', 'url'])
  .describe('what the thing was read as');

export const ownerSchema = z.object({
  ref: z
    .string()
    .nullable()
    .describe(
      'the owner as an entity ref (group:default/payments); null for a CODEOWNERS owner no catalog entity matches',
    ),
  role: z
    .string()
    .describe(
      'primary or secondary (a catalog owner), self (a Group asked about), codeowner (a CODEOWNERS owner)',
    ),
  name: z.string().optional().describe("the owner's display name in the catalog"),
  codeowner: z
    .string()
    .optional()
    .describe('the owner exactly as CODEOWNERS writes it: @acme/payments, @alice, a@acme.com'),
  inCatalog: z
    .literal(false)
    .optional()
    .describe('false: the owner is named (and still the owner) but this catalog has no such Group or User'),
});

export const ownerMappingSchema = z.object({
  from: z.string().describe('a CODEOWNERS owner as written'),
  to: z.string().nullable().describe('the catalog entity it was taken to mean, or null'),
  by: z.string().describe('how: the github.com/team-slug annotation, the Group name, the User email, …'),
});

export const provenanceSchema = z.object({
  source: z
    .enum(['entity', 'codeowners', 'selector', 'annotation', 'label-convention'])
    .describe(
      'entity: an entity field (owners, repository/path); codeowners: a CODEOWNERS line; selector: a steward.dev/v1 selector; annotation: a Backstage annotation; label-convention: a service/app/job label or name equal to a component name (the weakest)',
    ),
  file: z.string().describe('the file that decided: a catalog file or a CODEOWNERS file'),
  line: z.number().int().describe('1-based'),
  column: z.number().int().optional(),
  rule: z.string().describe('the CODEOWNERS pattern, or the selector, annotation or convention that matched'),
  entity: z.string().nullable().describe('the ref of the entity that matched, if any'),
  mapped: z
    .array(ownerMappingSchema)
    .optional()
    .describe('CODEOWNERS only: how each owner was mapped onto the catalog'),
});

export const whoOwnsCandidateSchema = z.object({
  owners: z.array(ownerSchema),
  decidedBy: provenanceSchema,
  reason: z.string().describe('why this match lost'),
});

/** As GET /api/v1/catalog/rejected lists it (declared again here: modules share only their index.ts). */
export const whoOwnsRejectedSchema = z.object({
  ref: z.string(),
  source: z.object({ id: z.string(), name: z.string() }).describe('the catalog source holding the file'),
  file: z.string(),
  line: z.number().int(),
  problems: z
    .array(
      z.object({
        file: z.string(),
        line: z.number().int(),
        column: z.number().int(),
        code: z.string(),
        message: z.string(),
      }),
    )
    .describe('the errors that kept it out of the catalog'),
});

export const whoOwnsAnswerSchema = z.object({
  thing: z.string().describe('the thing as asked'),
  kind: whoOwnsKindSchema,
  owners: z.array(ownerSchema).describe('primary first; empty when nothing owns the thing'),
  decidedBy: provenanceSchema.nullable().describe('what decided; null when nothing matched'),
  candidates: z.array(whoOwnsCandidateSchema).optional().describe('other matches that lost, and why'),
  explanation: z.string().describe('one sentence for a person'),
  owned: z.boolean(),
  repository: z
    .string()
    .nullable()
    .optional()
    .describe('paths: the repository answered for (github.com/acme/shop, or a source name); null when none'),
  repositories: z
    .array(z.string())
    .optional()
    .describe(
      'paths: the repositories a bare path is in, when more than one has an answer (so none was given)',
    ),
  rejected: whoOwnsRejectedSchema
    .optional()
    .describe('entities: the entity asked about is in a source but was rejected for these errors'),
});

export const whoOwnsQuerySchema = z.strictObject({
  thing: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(200)])
    .describe(
      'repeatable: component:default/checkout-api, checkout-api, path:services/x/main.go, k8s:Deployment/shop/web{app=web}, alert:{service="x"}, url:https://shop.acme.example/checkout',
    ),
  repository: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe(
      'the repository path things are in (github.com/acme/monorepo); default: the only CODEOWNERS repository known',
    ),
});

/** Things asked at once in a POST; a longer list is asked in several (the CLI does so). */
export const whoOwnsBatchLimit = 1000;

export const whoOwnsBatchSchema = z.strictObject({
  things: z
    .array(z.string().min(1).max(4096))
    .min(1)
    .max(whoOwnsBatchLimit)
    .describe(`up to ${whoOwnsBatchLimit} things, each as the GET's thing; answered in this order`),
  repository: whoOwnsQuerySchema.shape.repository,
});

export const whoOwnsResponseSchema = listOf(whoOwnsAnswerSchema);

export type WhoOwnsKind = z.infer<typeof whoOwnsKindSchema>;
export type Owner = z.infer<typeof ownerSchema>;
export type OwnerMapping = z.infer<typeof ownerMappingSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type WhoOwnsCandidate = z.infer<typeof whoOwnsCandidateSchema>;
export type WhoOwnsAnswer = z.infer<typeof whoOwnsAnswerSchema>;
export type WhoOwnsBatch = z.infer<typeof whoOwnsBatchSchema>;
export type RejectedEntity = z.infer<typeof whoOwnsRejectedSchema>;

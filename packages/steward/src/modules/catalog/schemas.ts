// The catalog API's shapes, declared once: the server validates and serialises with them, the
// OpenAPI document is generated from them, and the CLI and portal import their types.
import { z } from 'zod';
import { listOf } from '../../platform/http/list-schema.ts';

export const catalogProblemSchema = z.object({
  sourceId: z.string(),
  entity: z.string().nullable().describe('ref of the entity the problem is in, or null'),
  file: z.string().describe('relative to the source root'),
  line: z.number().int(),
  column: z.number().int(),
  severity: z.enum(['error', 'warning']),
  code: z.string().describe('stable problem code, e.g. missing-field, dangling-ref'),
  message: z.string(),
});

export const entityOwnerSchema = z.object({
  ref: z.string().describe('group:default/payments'),
  role: z.string().describe('primary, or e.g. secondary'),
});

export const entitySummarySchema = z.object({
  ref: z.string().describe('kind:namespace/name, lower-case'),
  kind: z.string().describe('lower-case'),
  namespace: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  owner: z.string().nullable().describe('ref of the primary owner'),
  tier: z.string().nullable(),
  lifecycle: z.string().nullable(),
  tags: z.array(z.string()),
  sourceId: z.string(),
  updatedAt: z.iso.datetime(),
});

const counts = z.record(z.string(), z.number().int());

export const entityListSchema = z.object({
  items: z.array(entitySummarySchema),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
  facets: z
    .object({ kind: counts, owner: counts, tier: counts, lifecycle: counts, tag: counts })
    .describe('counts over every entity the filters match (the 100 most frequent values of each)'),
});

export const entityQuerySchema = z.strictObject({
  kind: z.string().max(63).optional(),
  owner: z.string().max(300).optional().describe('owner ref (group:payments, or payments for a group)'),
  tier: z.string().max(63).optional(),
  lifecycle: z.string().max(63).optional(),
  tag: z.string().max(63).optional(),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('words that must all appear in the ref, title, description or tags'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(600).optional(),
});

export const sourceKindSchema = z.enum(['dir', 'git', 'upload', 'api']);

export const catalogSourceSchema = z.object({
  id: z.string(),
  kind: sourceKindSchema,
  target: z.string().describe('directory, repository URL, upload name, or api'),
  name: z.string(),
  revision: z.string().nullable().describe('the commit read, for repositories'),
  lastIngestedAt: z.iso.datetime().nullable(),
  status: z.enum(['pending', 'ok', 'errors', 'failed']),
  message: z.string().nullable().describe('why the last read failed'),
  counts: z.object({ entities: z.number().int(), errors: z.number().int(), warnings: z.number().int() }),
  repository: z
    .object({
      name: z.string().describe("the origin remote, the git URL cloned, or (no remote) the source's name"),
      path: z.string().describe("where the source's root is inside the repository; '' for its top"),
    })
    .nullable()
    .optional()
    .describe('which repository the source is: its CODEOWNERS and paths answer for that repository only'),
});

/** An entity a source holds that the catalog rejected for errors (so it is not in the catalog). */
export const rejectedEntitySchema = z.object({
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

export const rejectedListSchema = listOf(rejectedEntitySchema);
export const rejectedQuerySchema = z.strictObject({
  source: z.string().min(1).max(200).optional().describe('only this source (its id)'),
});

export const relationSchema = z.object({
  type: z.string().describe('as the declaring entity wrote it, e.g. dependsOn'),
  targetRef: z.string(),
  targetExists: z.boolean(),
});

export const incomingRelationSchema = z.object({
  type: z.string().describe('as the other entity declared it, e.g. dependsOn'),
  sourceRef: z.string(),
});

export const entityBodySchema = z
  .record(z.string(), z.unknown())
  .describe('a catalog entity: apiVersion, kind, metadata, spec, as in catalog-info.yaml');

export const entityDetailSchema = entitySummarySchema.extend({
  entity: entityBodySchema,
  owners: z.array(entityOwnerSchema),
  relations: z.object({ outgoing: z.array(relationSchema), incoming: z.array(incomingRelationSchema) }),
  problems: z.array(catalogProblemSchema),
  source: z.object({
    id: z.string(),
    kind: sourceKindSchema,
    name: z.string(),
    target: z.string(),
    revision: z
      .string()
      .nullable()
      .describe('for repositories, the commit last read: the file at that commit holds the entity as shown'),
  }),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  contentHash: z.string(),
  createdAt: z.iso.datetime(),
  links: z.object({ history: z.string() }),
});

export const entityParamsSchema = z.strictObject({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(63),
});

export const historyEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string().describe('user:<handle> or source:<id>'),
  revision: z.string().nullable().describe('the commit, when a repository changed it'),
  change: z.enum(['created', 'updated', 'deleted']),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the id of a history entry')
    .optional(),
});

export const historyListSchema = listOf(historyEntrySchema);

export const ownedChangesQuerySchema = z.strictObject({
  owner: z.string().min(1).max(300).describe('owner ref (group:payments, or payments for a group)'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const ownedChangeListSchema = listOf(
  historyEntrySchema.extend({ entity: z.string().describe('ref of the entity that changed') }),
);

export const createSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('git'),
    url: z
      .string()
      .min(1)
      .max(2000)
      .describe(
        'https://…, ssh://… or git@host:org/repo.git; a path on the server only where STEWARD_GIT_ALLOW_LOCAL=true',
      ),
    name: z.string().min(1).max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('upload'),
    name: z.string().min(1).max(1000).describe('uploading again under the same name replaces the files'),
    files: z.array(z.strictObject({ path: z.string().min(1).max(1024), content: z.string() })).max(100_000),
    repository: z
      .strictObject({
        name: z
          .string()
          .min(1)
          .max(2000)
          .describe('the git remote of the directory uploaded, e.g. its origin URL'),
        path: z.string().max(1024).describe("where the directory is inside the repository; '' for its top"),
      })
      .optional()
      .describe(
        "which repository the files are from (steward catalog import sends the directory's origin remote); default: the upload's name",
      ),
  }),
]);

export const ingestSummarySchema = z.object({
  source: catalogSourceSchema,
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  files: z.number().int(),
  durationMs: z.number().int(),
  errors: z.array(catalogProblemSchema).describe('at most 1000'),
  warnings: z.array(catalogProblemSchema).describe('at most 1000'),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
});

export const sourceParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

export const problemQuerySchema = z.strictObject({
  source: z.string().max(100).optional(),
  entity: z.string().max(300).optional().describe('entity ref'),
  owner: z
    .string()
    .max(300)
    .optional()
    .describe('owner ref (group:payments, or payments for a group): problems of the entities it owns'),
  severity: z.enum(['error', 'warning']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the id of a problem')
    .optional(),
});

export const problemListSchema = z.object({
  items: z.array(catalogProblemSchema.extend({ id: z.string() })),
});

export const graphQuerySchema = z.strictObject({
  ref: z.string().min(1).max(300),
  depth: z.coerce.number().int().min(1).max(5).default(2),
  direction: z.enum(['outgoing', 'incoming', 'both']).default('both'),
});

export const graphSchema = z.object({
  nodes: z.array(
    z.object({
      ref: z.string(),
      kind: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      owners: z.array(entityOwnerSchema),
      exists: z.boolean().describe('false for a ref no entity answers to'),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), type: z.string(), to: z.string() })),
  truncated: z.boolean().describe('true when the node limit cut the graph short'),
});

const orphanList = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), items: z.array(item) });

export const orphansSchema = z.object({
  unowned: orphanList(
    z.object({
      ref: z.string(),
      owner: z.string().nullable().describe('the owner written, when it is unknown'),
    }),
  ),
  teamsWithoutMembers: orphanList(z.object({ ref: z.string(), title: z.string().nullable() })),
  servicesWithoutRunbook: orphanList(z.object({ ref: z.string(), owner: z.string().nullable() })),
});

export type CatalogProblemView = z.infer<typeof catalogProblemSchema>;
export type EntitySummary = z.infer<typeof entitySummarySchema>;
export type EntityList = z.infer<typeof entityListSchema>;
export type EntityDetail = z.infer<typeof entityDetailSchema>;
export type CatalogSourceView = z.infer<typeof catalogSourceSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type OwnedChange = z.infer<typeof ownedChangeListSchema>['items'][number];
export type IngestSummaryView = z.infer<typeof ingestSummarySchema>;
export type CatalogGraph = z.infer<typeof graphSchema>;
export type Orphans = z.infer<typeof orphansSchema>;
export type CreateSource = z.infer<typeof createSourceSchema>;
export type RejectedEntityView = z.infer<typeof rejectedEntitySchema>;

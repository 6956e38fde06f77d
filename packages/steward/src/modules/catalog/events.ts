// The catalog's domain events, emitted in the transaction of the change (store/), never by routes:
// ownership keeps its index from them, the live channel tells followers of the `catalog` topic.
// They carry refs and source ids; a subscriber reads the current state of what they name.
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

const refs = z.array(z.string());

/** Entities of one source written in one transaction (an ingest batch, an API edit, part of a removal). */
export const entitiesChanged = defineEvent(
  'catalog.entities-changed',
  z.object({
    source: z.string(),
    created: refs,
    updated: refs,
    /** Same content, another file or line. */
    moved: refs,
    deleted: refs,
    /** Who made the change: `user:<handle>`, or `source:<id>` for a source read on its own. */
    actor: z.string().optional(),
  }),
);

/** A source was read: its status, problems and counts are new (its entities changed in batches before). */
export const sourceRead = defineEvent('catalog.source-read', z.object({ source: z.string() }));

/** A source is gone (its entities were deleted in batches before). */
export const sourceRemoved = defineEvent('catalog.source-removed', z.object({ source: z.string() }));

/** The CODEOWNERS files a source holds are different now. */
export const codeownersChanged = defineEvent('catalog.codeowners-changed', z.object({ source: z.string() }));

export type EntitiesChanged = ReturnType<typeof entitiesChanged.parse>;

// The position as a job payload or a JSON column holds it: instants as ISO strings, read back strictly so
// a stored row written by older code is refused with the field named, not half-read.
import { z } from 'zod';
import type { EscalationPosition } from './model.ts';

export const storedPositionSchema = z.object({
  level: z.number().int().min(1),
  run: z.number().int().min(0),
  at: z.iso.datetime({ offset: true }),
  startRun: z.number().int().min(0),
  startedAt: z.iso.datetime({ offset: true }),
});
export type StoredPosition = z.infer<typeof storedPositionSchema>;

export function storePosition(position: EscalationPosition): StoredPosition {
  return { ...position, at: position.at.toISOString(), startedAt: position.startedAt.toISOString() };
}

/** Throws zod's error, naming the field, for a value that is not a stored position. */
export function readPosition(value: unknown): EscalationPosition {
  const stored = storedPositionSchema.parse(value);
  return { ...stored, at: new Date(stored.at), startedAt: new Date(stored.startedAt) };
}

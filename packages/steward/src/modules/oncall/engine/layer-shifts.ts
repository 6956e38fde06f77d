// One layer's shifts over a window: turn n runs from turnStart(n) to turnStart(n + 1) with member
// n mod members, nobody before the layer starts, then cut to the restriction windows. Work is
// proportional to the turns and days in the window, so a year of PT12H turns stays cheap.
import { invalid } from '../../../platform/errors.ts';
import { type CompiledLayer, compileSchedule } from './compile.ts';
import type { Interval, ScheduleDefinition, Shift } from './model.ts';
import { intersectSpans, restrictionSpans } from './restrictions.ts';
import { turnAt, turnStart } from './rotation.ts';
import { epochOf } from './wall-time.ts';

/** A shift in epoch milliseconds, the form the engine works in before handing out Dates. */
export interface Piece {
  user: string;
  from: number;
  until: number;
  layer: string | null;
}

export function layerShifts(schedule: ScheduleDefinition, layerIndex: number, window: Interval): Shift[] {
  const compiled = compileSchedule(schedule);
  const layer = compiled.layers[layerIndex];
  if (!layer) {
    throw invalid(
      `layerIndex: ${layerIndex} is not a layer of ${schedule.ref}; it has layers 0 to ${compiled.layers.length - 1}`,
    );
  }
  const [from, until] = windowOf(window);
  return layerPieces(layer, compiled.timeZone, from, until).map(toShift);
}

/** Reads a window's bounds; an empty or reversed window yields nothing rather than an error. */
export function windowOf(window: Interval): [number, number] {
  return [epochOf(window.from, 'window.from'), epochOf(window.until, 'window.until')];
}

export function layerPieces(layer: CompiledLayer, timeZone: string, from: number, until: number): Piece[] {
  const count = layer.members.length;
  if (count === 0 || from >= until || layer.startMs >= until) return [];
  const pieces: Piece[] = [];
  let n = Math.max(0, turnAt(layer.start, timeZone, layer.rotation, from, layer.startMs));
  let begins = turnStart(layer.start, timeZone, layer.rotation, n);
  while (begins < until) {
    const ends = turnStart(layer.start, timeZone, layer.rotation, n + 1);
    // A turn can be empty where a zone skipped a whole day (Samoa, 2011-12-30): it hands on at once.
    if (ends > Math.max(begins, from)) {
      pieces.push({
        user: layer.members[n % count] as string,
        from: Math.max(begins, from),
        until: Math.min(ends, until),
        layer: layer.name,
      });
    }
    n++;
    begins = ends;
  }
  if (layer.restrictions.length === 0) return pieces;
  return intersectSpans(pieces, restrictionSpans(layer.restrictions, timeZone, from, until));
}

export const toShift = (piece: Piece): Shift => ({
  user: piece.user,
  from: new Date(piece.from),
  until: new Date(piece.until),
  layer: piece.layer,
});

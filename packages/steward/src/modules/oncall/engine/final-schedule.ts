// The final schedule: layers stacked (a later layer wins wherever it has someone), overrides on top
// (a later override wins over an earlier one it overlaps), as one sorted list without overlaps.
import { compileSchedule } from './compile.ts';
import { layerPieces, type Piece, toShift, windowOf } from './layer-shifts.ts';
import type { Interval, Override, ScheduleDefinition, Shift } from './model.ts';
import { epochOf } from './wall-time.ts';

export function finalSchedule(
  schedule: ScheduleDefinition,
  overrides: readonly Override[],
  window: Interval,
): Shift[] {
  const [from, until] = windowOf(window);
  return finalPieces(schedule, overrides, from, until).map(toShift);
}

export function finalPieces(
  schedule: ScheduleDefinition,
  overrides: readonly Override[],
  from: number,
  until: number,
): Piece[] {
  if (from >= until) return [];
  const compiled = compileSchedule(schedule);
  const layers = compiled.layers.map((layer) => layerPieces(layer, compiled.timeZone, from, until));
  const covering = overridePieces(overrides, from, until);
  const cuts = cutsOf(layers, covering);
  const next = layers.map(() => 0);
  const result: Piece[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k] as number;
    const end = cuts[k + 1] as number;
    if (start === end) continue;
    const winner = topOverride(covering, start) ?? topLayer(layers, next, start);
    if (!winner) continue;
    const previous = result.at(-1);
    if (
      previous &&
      previous.until === start &&
      previous.user === winner.user &&
      previous.layer === winner.layer
    ) {
      previous.until = end;
    } else {
      result.push({ user: winner.user, from: start, until: end, layer: winner.layer });
    }
  }
  return result;
}

/** Every piece's ends, in order (a typed array sorts numbers without a comparator); repeats are
 *  skipped by the caller. */
function cutsOf(layers: readonly Piece[][], covering: readonly Piece[]): Float64Array {
  let count = covering.length * 2;
  for (const pieces of layers) count += pieces.length * 2;
  const cuts = new Float64Array(count);
  let i = 0;
  for (const pieces of [...layers, covering]) {
    for (const piece of pieces) {
      cuts[i++] = piece.from;
      cuts[i++] = piece.until;
    }
  }
  return cuts.sort();
}

/** Overrides that meet the window, clipped to it, in the order given (later wins). */
function overridePieces(overrides: readonly Override[], from: number, until: number): Piece[] {
  const pieces: Piece[] = [];
  overrides.forEach((override, index) => {
    const start = epochOf(override.from, `overrides[${index}].from`);
    const end = epochOf(override.until, `overrides[${index}].until`);
    if (start < until && end > from && end > start) {
      pieces.push({
        user: override.user,
        from: Math.max(start, from),
        until: Math.min(end, until),
        layer: null,
      });
    }
  });
  return pieces;
}

function topOverride(pieces: readonly Piece[], at: number): Piece | undefined {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i] as Piece;
    if (piece.from <= at && at < piece.until) return piece;
  }
  return undefined;
}

/** The highest layer with someone at `at`; each layer's cursor only moves forward as `at` grows. */
function topLayer(layers: readonly Piece[][], next: number[], at: number): Piece | undefined {
  let winner: Piece | undefined;
  for (let i = 0; i < layers.length; i++) {
    const pieces = layers[i] as Piece[];
    let cursor = next[i] as number;
    while (cursor < pieces.length && (pieces[cursor] as Piece).until <= at) cursor++;
    next[i] = cursor;
    const piece = pieces[cursor];
    if (piece && piece.from <= at) winner = piece;
  }
  return winner;
}

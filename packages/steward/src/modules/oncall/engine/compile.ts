// A schedule definition checked and read once: zone, start wall times, rotation lengths, restriction
// windows. Definitions are treated as immutable, so the compiled form is kept per object; every field
// problem is an `invalid` error naming the field and what would be right.
import { invalid } from '../../../platform/errors.ts';
import type { Layer, ScheduleDefinition } from './model.ts';
import { type CompiledRestriction, compileRestriction } from './restrictions.ts';
import { parseRotation, type RotationLength } from './rotation.ts';
import { checkTimeZone, instantOfNaive, parseWallTime } from './wall-time.ts';

export interface CompiledLayer {
  name: string;
  /** The start's wall time, naive (see wall-time.ts). */
  start: number;
  startMs: number;
  rotation: RotationLength;
  members: readonly string[];
  restrictions: readonly CompiledRestriction[];
}

export interface CompiledSchedule {
  timeZone: string;
  layers: readonly CompiledLayer[];
}

const compiled = new WeakMap<ScheduleDefinition, CompiledSchedule>();

export function compileSchedule(schedule: ScheduleDefinition): CompiledSchedule {
  const known = compiled.get(schedule);
  if (known) return known;
  const timeZone = checkTimeZone(schedule.timeZone, 'spec.timeZone');
  if (!Array.isArray(schedule.layers)) {
    throw invalid('spec.layers: expected a list of layers, each with name, start, rotation and members');
  }
  const layers = schedule.layers.map((layer, index) =>
    compileLayer(layer, timeZone, `spec.layers[${index}]`),
  );
  const result = { timeZone, layers };
  compiled.set(schedule, result);
  return result;
}

function compileLayer(layer: Layer, timeZone: string, field: string): CompiledLayer {
  const start = parseWallTime(layer.start, `${field}.start`);
  if (!Array.isArray(layer.members)) {
    throw invalid(`${field}.members: expected a list of user refs, on call in turn`);
  }
  return {
    name: layer.name,
    start,
    startMs: instantOfNaive(start, timeZone),
    rotation: parseRotation(layer.rotation, `${field}.rotation`),
    members: layer.members,
    restrictions: (layer.restrictions ?? []).map((restriction, index) =>
      compileRestriction(restriction, `${field}.restrictions[${index}]`),
    ),
  };
}

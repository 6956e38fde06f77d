// What `steward silences add` and `steward maintenance add` share: --duration in amtool's units, and
// --state, checked before anything is sent.
import type { Format } from '../../../platform/cli/output.ts';
import { usageError } from '../../../platform/cli/program.ts';

export type Flags = { server?: string; format: Format };
export type TimeFlags = { startsAt?: string; endsAt?: string; duration?: string };
const states = ['active', 'pending', 'expired'];
const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--duration 1h30m` (amtool's units: s, m, h, d, w) from --starts-at or now, or --ends-at. */
export function endOf(flags: TimeFlags, now: Date = new Date()): string | undefined {
  if (flags.duration !== undefined && flags.endsAt !== undefined) {
    throw usageError('give --duration or --ends-at, not both');
  }
  if (flags.endsAt !== undefined) return flags.endsAt;
  if (flags.duration === undefined) return undefined;
  if (!/^(\d+[smhdw])+$/.test(flags.duration)) {
    throw usageError(
      `--duration ${JSON.stringify(flags.duration)} is not a duration; write e.g. 2h, 30m, 1d12h`,
    );
  }
  let ms = 0;
  for (const [, count, unit] of flags.duration.matchAll(/(\d+)([smhdw])/g)) {
    ms += Number(count) * (units[unit as string] ?? 0);
  }
  const start = flags.startsAt === undefined ? now : new Date(flags.startsAt);
  if (Number.isNaN(start.getTime()))
    throw usageError(`--starts-at ${flags.startsAt} is not an ISO 8601 time`);
  return new Date(start.getTime() + ms).toISOString();
}

export function stateOf(state: string | undefined): string {
  if (state === undefined) return '';
  if (!states.includes(state))
    throw usageError(`--state ${JSON.stringify(state)}: use active, pending or expired`);
  return `state=${state}`;
}

// A schedule's final shifts as text: each in the schedule's own zone (its wall time, which is what
// the rotation speaks) and in UTC, and the gaps between them.
import type { ScheduleShifts } from './schemas.ts';

export function shiftLines(shifts: ScheduleShifts): string[] {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: shifts.timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const wall = (iso: string) => {
    const p = Object.fromEntries(local.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
    return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
  const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;
  const rows = [
    ...shifts.final.map((s) => ({
      at: s.from,
      text: `${wall(s.from)} → ${wall(s.until)}  (${utc(s.from)} → ${utc(s.until)})  ${s.user}${s.layer === null ? ' (override)' : ''}`,
    })),
    ...shifts.gaps.map((g) => ({
      at: g.from,
      text: `${wall(g.from)} → ${wall(g.until)}  (${utc(g.from)} → ${utc(g.until)})  nobody on call`,
    })),
  ];
  if (rows.length === 0) return ['(no shifts)'];
  return rows.sort((a, b) => a.at.localeCompare(b.at)).map((r) => r.text);
}

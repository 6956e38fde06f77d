// A schedule over a window as rows of bars: each layer, then the final schedule (overrides applied),
// then its gaps. Days are marked at midnight in the schedule's zone. Every bar says in words who and
// when (its accessible name), so the timeline reads without seeing it.
import { useRef } from 'react';
import type { ScheduleShifts, Shift } from '../../api/oncall.ts';
import { useScrolls } from '../use-scrolls.ts';
import { shortRef } from './ref-links.tsx';
import { formatInZone, midnightsBetween, zoneFormat } from './zone-time.ts';

interface Bar {
  key: string;
  label: string;
  from: string;
  until: string;
  tone: string;
}

/** The same person gets the same colour in every row. */
export function toneOf(user: string): string {
  let hash = 0;
  for (const char of user) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `timeline__bar--tone${hash % 6}`;
}

const shiftBars = (shifts: Shift[]): Bar[] =>
  shifts.map((shift) => ({
    key: `${shift.user}-${shift.from}`,
    label: shortRef(shift.user) + (shift.layer === null ? ' (override)' : ''),
    from: shift.from,
    until: shift.until,
    tone: shift.layer === null ? 'timeline__bar--override' : toneOf(shift.user),
  }));

export function ShiftTimeline({ shifts }: { shifts: ScheduleShifts }) {
  const frame = useRef<HTMLElement>(null);
  // On a narrow screen the bars keep a readable width and the timeline scrolls: keyboards reach it then.
  const scrolls = useScrolls(frame);
  const start = new Date(shifts.from).getTime();
  const span = Math.max(1, new Date(shifts.until).getTime() - start);
  const at = (iso: string) => Math.min(100, Math.max(0, ((new Date(iso).getTime() - start) / span) * 100));
  const dayLabel = zoneFormat(shifts.timeZone, { weekday: 'short', day: 'numeric' });
  const ticks = midnightsBetween(shifts.from, shifts.until, shifts.timeZone);
  const rows: { name: string; bars: Bar[] }[] = [
    ...shifts.layers.map((layer) => ({ name: `Layer ${layer.name}`, bars: shiftBars(layer.shifts) })),
    { name: 'Final schedule', bars: shiftBars(shifts.final) },
    {
      name: 'Gaps',
      bars: shifts.gaps.map((gap) => ({
        key: gap.from,
        label: 'nobody',
        from: gap.from,
        until: gap.until,
        tone: 'timeline__bar--gap',
      })),
    },
  ];
  return (
    <section ref={frame} className="timeline" aria-label="Shift bars" tabIndex={scrolls ? 0 : undefined}>
      <p className="timeline__zone muted">
        Times in {shifts.timeZone}, from {formatInZone(shifts.from, shifts.timeZone)} to{' '}
        {formatInZone(shifts.until, shifts.timeZone)}.
      </p>
      <div className="timeline__row timeline__row--axis" aria-hidden="true">
        <span className="timeline__name" />
        <div className="timeline__track">
          {ticks.map((tick) => (
            <span key={tick} className="timeline__tick" style={{ left: `${at(tick)}%` }}>
              {dayLabel.format(new Date(tick))}
            </span>
          ))}
        </div>
      </div>
      {rows.map((row) => (
        <div key={row.name} className="timeline__row">
          <span className="timeline__name">{row.name}</span>
          <ul className="timeline__track" aria-label={row.name}>
            {row.bars.length === 0 && <li className="timeline__none muted">none</li>}
            {row.bars.map((bar) => {
              const text = `${bar.label}: ${formatInZone(bar.from, shifts.timeZone)} to ${formatInZone(bar.until, shifts.timeZone)}`;
              return (
                <li
                  key={bar.key}
                  className={`timeline__bar ${bar.tone}`}
                  style={{
                    left: `${at(bar.from)}%`,
                    width: `${Math.max(0.4, at(bar.until) - at(bar.from))}%`,
                  }}
                  title={text}
                >
                  <span className="visually-hidden">{text}</span>
                  <span className="timeline__label" aria-hidden="true">
                    {bar.label}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

// The multiwindow multi-burn-rate alert windows (Google SRE workbook, as Sloth ships them for 28 and
// 30 days): the share of the error budget each alert stands for, and the windows it looks at. The
// burn factor is computed as Sloth computes it, in the same order, so the printed floats match.
import { day, hour, minute } from './durations.ts';

export interface AlertWindow {
  /** Percent of the period's error budget that burning at this speed for `longMs` consumes. */
  errorBudgetPercent: number;
  shortMs: number;
  longMs: number;
}

export interface AlertWindows {
  pageQuick: AlertWindow;
  pageSlow: AlertWindow;
  ticketQuick: AlertWindow;
  ticketSlow: AlertWindow;
}

/** Sloth's google-30d.yaml and google-28d.yaml windows, identical but for the period. */
export const googleWindows: AlertWindows = {
  pageQuick: { errorBudgetPercent: 2, shortMs: 5 * minute, longMs: hour },
  pageSlow: { errorBudgetPercent: 5, shortMs: 30 * minute, longMs: 6 * hour },
  ticketQuick: { errorBudgetPercent: 10, shortMs: 2 * hour, longMs: day },
  ticketSlow: { errorBudgetPercent: 10, shortMs: 6 * hour, longMs: 3 * day },
};

/** Burning this many times the sustainable rate consumes `errorBudgetPercent` of the budget in `longMs`. */
export function burnFactor(periodMs: number, window: AlertWindow): number {
  const hoursRequired = (window.errorBudgetPercent * (periodMs / hour)) / 100;
  return hoursRequired / (window.longMs / hour);
}

/** Every window an SLI is recorded over for these alerts, shortest first, without repeats. */
export function recordedWindows(windows: AlertWindows, extra: number[] = []): number[] {
  const all = [windows.pageQuick, windows.pageSlow, windows.ticketQuick, windows.ticketSlow].flatMap((w) => [
    w.shortMs,
    w.longMs,
  ]);
  return [...new Set([...all, ...extra])].sort((a, b) => a - b);
}

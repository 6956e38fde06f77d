// Prometheus durations ("5m", "1h30m", "4w"), read and printed as Prometheus' own model package does:
// printing uses years and weeks only when they are exact, so 28 days is "4w" and 30 days "30d".

const units: [string, number][] = [
  ['y', 365 * 24 * 60 * 60 * 1000],
  ['w', 7 * 24 * 60 * 60 * 1000],
  ['d', 24 * 60 * 60 * 1000],
  ['h', 60 * 60 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

export const minute = 60 * 1000;
export const hour = 60 * minute;
export const day = 24 * hour;

const pattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds, or undefined when `text` is not a Prometheus duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const match = pattern.exec(text);
  if (!match || text === '') return undefined;
  let ms = 0;
  units.forEach(([, size], i) => {
    const count = match[i + 1];
    if (count !== undefined) ms += Number(count) * size;
  });
  return Number.isSafeInteger(ms) ? ms : undefined;
}

export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (exactOnly && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

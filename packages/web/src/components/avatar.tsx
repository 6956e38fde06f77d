// A person's initials on a colour derived from their handle, so the same person looks the same everywhere.

// Each shade keeps white initials at 4.5:1 or more (WCAG AA for small text).
const palette = ['#364fc7', '#0b7285', '#237032', '#b83c0c', '#c2255c', '#7048e8', '#1864ab', '#4a7a0a'];

export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function colourOf(handle: string): string {
  let hash = 0;
  for (const char of handle) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? '#364fc7';
}

export function Avatar({
  handle,
  name,
  size = 'md',
}: {
  handle: string;
  name: string;
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <span
      className={`avatar avatar--${size}`}
      style={{ backgroundColor: colourOf(handle) }}
      aria-hidden="true"
    >
      {initialsOf(name || handle)}
    </span>
  );
}

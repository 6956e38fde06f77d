// Literal environment values that look like secrets: a secret-sounding name with a real value, or a
// value shaped like a well-known credential whatever its name. Never quoted back to anyone.

const secretName =
  /(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|access[-_]?key|client[-_]?key)/i;
/** Names that point at a secret rather than hold one. */
const pointerName = /(_|-)(file|path|name|ref|dir|url|endpoint|id|length|ttl|expiry|header)$/i;
const credentialShapes = [
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{36}\b/, // GitHub token
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack token
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./, // JWT
  /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with user:password@
];
const notSecrets = new Set(['true', 'false', 'yes', 'no', 'enabled', 'disabled', 'none', 'null', '']);

/** Why the value looks like a secret, or null. */
export function secretReason(name: string, value: string): string | null {
  const shaped = credentialShapes.some((shape) => shape.test(value));
  if (shaped) return 'its value has the shape of a credential';
  if (!secretName.test(name) || pointerName.test(name)) return null;
  const trimmed = value.trim();
  if (notSecrets.has(trimmed.toLowerCase()) || trimmed.length < 4) return null;
  // References the runtime expands, and paths to mounted files, are not secrets themselves.
  if (/^\$\(.+\)$/.test(trimmed) || /^\$\{.+\}$/.test(trimmed) || trimmed.startsWith('/')) return null;
  return 'its name says it is a secret and it holds a literal value';
}

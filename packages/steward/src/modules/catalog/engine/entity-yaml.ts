// Writes an entity given as data (JSON from the API, or mapped from another product's file) as YAML
// the catalog engine validates, remembering which field each line holds, so a problem at line:col
// can be named by its field path (`spec.owner`) or traced back to where the data came from.

export interface EmittedYaml {
  text: string;
  /** The field path a problem at this 1-based position is about ('' for the entity as a whole). */
  pathAt(line: number, column: number, code: string): string;
}

interface Line {
  text: string;
  /** The field written on this line. */
  path: string;
  /** Mappings and sequences that start on this line, by 1-based column. */
  starts: { column: number; path: string }[];
}

/** Codes that point at a whole mapping or sequence rather than at the key its first entry is on. */
const containerCodes = new Set(['missing-field', 'invalid-type']);

export function emitEntityYaml(value: Record<string, unknown>): EmittedYaml {
  const lines: Line[] = [];
  emitMapping(value, 0, '', lines, null);
  return {
    text: `${lines.map((l) => l.text).join('\n')}\n`,
    pathAt(line, column, code) {
      const info = lines[line - 1];
      if (!info) return '';
      if (containerCodes.has(code)) {
        const start = info.starts.find((s) => s.column === column);
        if (start) return start.path;
      }
      return info.path;
    },
  };
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function emitMapping(
  map: Record<string, unknown>,
  indent: number,
  path: string,
  out: Line[],
  dash: string | null,
) {
  const entries = Object.entries(map);
  if (entries.length === 0 && path === '') {
    out.push({ text: '{}', path: '', starts: [{ column: 1, path: '' }] });
    return;
  }
  for (const [i, [key, value]] of entries.entries()) {
    const prefix = i === 0 && dash !== null ? dash : ' '.repeat(indent);
    const keyPath = joinPath(path, key);
    const head = `${prefix}${yamlKey(key)}:`;
    const starts = i === 0 ? [{ column: prefix.length + 1, path }] : [];
    if (isInline(value)) {
      if (isContainer(value)) starts.push({ column: head.length + 2, path: keyPath });
      out.push({ text: `${head} ${inline(value)}`, path: keyPath, starts });
      continue;
    }
    out.push({ text: head, path: keyPath, starts });
    if (Array.isArray(value)) emitSequence(value, indent + 2, keyPath, out);
    else emitMapping(value as Record<string, unknown>, indent + 2, keyPath, out, null);
  }
}

function emitSequence(items: unknown[], indent: number, path: string, out: Line[]) {
  for (const [i, item] of items.entries()) {
    const dash = `${' '.repeat(indent)}- `;
    const itemPath = joinPath(path, i);
    const starts = i === 0 ? [{ column: indent + 1, path }] : [];
    if (isInline(item)) {
      if (isContainer(item)) starts.push({ column: dash.length + 1, path: itemPath });
      out.push({ text: `${dash}${inline(item)}`, path: itemPath, starts });
    } else if (Array.isArray(item)) {
      out.push({ text: dash.trimEnd(), path: itemPath, starts });
      emitSequence(item, indent + 2, itemPath, out);
    } else {
      const first = out.length;
      emitMapping(item as Record<string, unknown>, indent + 2, itemPath, out, dash);
      out[first]?.starts.unshift(...starts);
    }
  }
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** Scalars, and empty mappings and sequences, are written on their key's line. */
function isInline(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0;
  return true;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (value !== null && typeof value === 'object') return '{}';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || value === null) return String(value);
  // JSON strings are valid YAML double-quoted scalars.
  return JSON.stringify(String(value));
}

const plainKey = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const specialPlain = /^(?:null|true|false|yes|no|on|off|y|n|~)$/i;

function yamlKey(key: string): string {
  return plainKey.test(key) && !specialPlain.test(key) ? key : JSON.stringify(key);
}

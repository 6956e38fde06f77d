// YAML for generated objects, written by hand for speed: a large catalog makes tens of thousands of
// objects, and the `yaml` package's stringify took most of the run. Only what the objects hold
// (maps, lists, strings, numbers, booleans) is written; a string is plain only when YAML could not
// read it as anything else, else it is double-quoted as JSON (which YAML reads as the same string).
// emit-yaml.test.ts holds it to the `yaml` package: what it writes parses back to the object.

/** Plain-safe: a letter first may be followed by colons (`component:default/web`, not at the end). */
const plain = /^([A-Za-z][A-Za-z0-9._/@:-]*[A-Za-z0-9._/@-]|[A-Za-z0-9][A-Za-z0-9._/@-]*)$/;
/** Plain words YAML 1.1 or 1.2 reads as something other than a string (booleans, null, dates). */
const special = /^(true|false|yes|no|on|off|y|n|null|~)$|^\d{4}-\d\d?-\d\d?/i;
/** Plain words YAML reads as numbers: integers, decimals, exponents, hex, octal, sexagesimal. */
const numeric =
  /^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7]+|0b[01_]+|\d+(:[0-5]?\d)+)$/;

export function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return plain.test(value) && !special.test(value) && !numeric.test(value) ? value : JSON.stringify(value);
}

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** One document: a map at the top, two spaces of indentation, lists indented under their key. */
export function emitYaml(document: Record<string, unknown>): string {
  const lines: string[] = [];
  writeMap(document as Record<string, Value>, '', lines);
  return `${lines.join('\n')}\n`;
}

function isEmpty(value: Value): string | null {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : null;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0 ? '{}' : null;
  return null;
}

function writeMap(map: Record<string, Value>, indent: string, lines: string[], first = indent) {
  let lead = first;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const head = `${lead}${scalar(key)}:`;
    lead = indent;
    const empty = isEmpty(value);
    if (empty !== null) lines.push(`${head} ${empty}`);
    else if (Array.isArray(value)) {
      lines.push(head);
      writeList(value, `${indent}  `, lines);
    } else if (typeof value === 'object' && value !== null) {
      lines.push(head);
      writeMap(value, `${indent}  `, lines);
    } else lines.push(`${head} ${scalar(value)}`);
  }
}

function writeList(list: Value[], indent: string, lines: string[]) {
  for (const item of list) {
    const empty = isEmpty(item);
    if (empty !== null) lines.push(`${indent}- ${empty}`);
    else if (Array.isArray(item)) {
      lines.push(`${indent}-`);
      writeList(item, `${indent}  `, lines);
    } else if (typeof item === 'object' && item !== null) writeMap(item, `${indent}  `, lines, `${indent}- `);
    else lines.push(`${indent}- ${scalar(item)}`);
  }
}

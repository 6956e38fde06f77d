// Refuses at the edge, for every route, input Steward could not store or walk safely: text with
// U+0000 or half a surrogate pair (PostgreSQL stores neither; one such character failed whole
// requests with 500), and JSON nested deeper than any document of ours (deep enough, it overflows the
// stack of whatever recurses over it). The client's mistake, so a 400 naming the field.
import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { type FieldProblem, invalid } from '../platform/errors.ts';
import { nextLoneSurrogate } from '../platform/unstorable-text.ts';

/** Arrays and objects inside one another, at most; Steward's deepest documents use a dozen. */
export const maxJsonDepth = 64;

/** Parses JSON bodies as Fastify does (same errors, limits, prototype-poisoning checks), then checks them. */
export function guardJsonBodies(app: FastifyInstance): void {
  const parse: FastifyBodyParser<string> = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (request.routeOptions.config.keepRawBody) request.rawBody = body as string;
      // Most bodies hold neither an escape that could be unstorable nor deep nesting: known at once.
      if (!unstorableEscape.test(body as string) && !nestsTooDeep(value, 1)) return done(null, value);
      const problem = findUnstorable(value, 'body', request.routeOptions.config.fileTextFields);
      if (problem) return done(refusal(problem), undefined);
      done(null, value);
    });
  });
}

/** Path parameters and the query string get the same check, before validation reads them. */
export function guardPathAndQuery(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
      const why = typeof value === 'string' ? describeUnstorable(value) : undefined;
      if (why) throw refusal({ field: `params.${name}`, message: why });
    }
    const problem = queryProblem(request.url);
    if (problem) throw refusal(problem);
  });
}

/**
 * The only way JSON text (decoded from UTF-8, where a bad byte becomes U+FFFD, and where raw control
 * characters are refused by the parser) yields U+0000 or half a surrogate pair is an escape: `\u0000`
 * or `\uD800`–`\uDFFF`. Text without one needs no walk; with one (a whole pair, say), the walk decides.
 */
const unstorableEscape = /\\u(?:0000|[dD][89a-fA-F])/;

/** Whether arrays and objects nest deeper than maxJsonDepth; recursion stops there, so it cannot overflow. */
function nestsTooDeep(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > maxJsonDepth) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsTooDeep(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (nestsTooDeep((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

function refusal(problem: FieldProblem) {
  return invalid(`${problem.field}: ${problem.message}`, [problem]);
}

interface Entry {
  value: unknown;
  depth: number;
  parent: Entry | undefined;
  key: string;
}

/**
 * The first string (value or key) that cannot be stored, or the first array or object nested too
 * deep: in document order, an object's keys before its values. One pass with an explicit stack, so a
 * hostile depth cannot overflow the call stack.
 */
export function findUnstorable(root: unknown, where: string, fileText?: RegExp): FieldProblem | undefined {
  const stack: Entry[] = [{ value: root, depth: 0, parent: undefined, key: where }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    const { value } = entry;
    if (typeof value === 'string') {
      const why = describeUnstorable(value);
      if (!why) continue;
      const field = pathOf(entry);
      if (!fileText?.test(field)) return { field, message: why };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const depth = entry.depth + 1;
    if (depth > maxJsonDepth) {
      return {
        field: pathOf(entry),
        message: `nests arrays and objects more than ${maxJsonDepth} deep; Steward accepts at most ${maxJsonDepth} levels: flatten the document`,
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) push(stack, value[i], depth, entry, String(i));
      continue;
    }
    const keys = Object.keys(value);
    // Keys first, so a bad key is found before anything under it.
    for (const key of keys) {
      const why = describeUnstorable(key);
      if (why) return { field: pathOf(entry), message: `the key ${JSON.stringify(key)} ${why}` };
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      push(stack, (value as Record<string, unknown>)[key], depth, entry, key);
    }
  }
  return undefined;
}

/** Only what can hold text needs walking. */
function push(stack: Entry[], value: unknown, depth: number, parent: Entry, key: string): void {
  if (typeof value === 'string' || (value !== null && typeof value === 'object')) {
    stack.push({ value, depth, parent, key });
  }
}

/** Why PostgreSQL cannot store this text, or undefined when it can. */
export function describeUnstorable(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return `contains U+0000 (a NUL character) at character ${nul + 1}, which cannot be stored: remove it`;
  }
  const lone = text.isWellFormed() ? -1 : nextLoneSurrogate(text);
  if (lone === -1) return undefined;
  const escaped = `\\u${text.charCodeAt(lone).toString(16)}`;
  return `contains a lone surrogate ${escaped} at character ${lone + 1}: half of a UTF-16 pair is not a character and cannot be stored; send well-formed Unicode (an emoji such as \\ud83d\\udd25 is a whole pair)`;
}

/** Checks the raw query string: its parser leaves invalid percent-encoding as it was, unchecked. */
function queryProblem(url: string): FieldProblem | undefined {
  const start = url.indexOf('?');
  if (start < 0 || url.indexOf('%', start) < 0) return undefined;
  for (const pair of url.slice(start + 1).split('&')) {
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const name = decodeQueryPart(rawName) ?? rawName;
    for (const part of equals < 0 ? [rawName] : [rawName, pair.slice(equals + 1)]) {
      const text = decodeQueryPart(part);
      const field = `querystring.${name}`;
      if (text === undefined) {
        return {
          field,
          message: `is not UTF-8 once percent-decoded (${part.slice(0, 60)}); percent-encode text as UTF-8, e.g. %C3%A9 for é`,
        };
      }
      const why = describeUnstorable(text);
      if (why) return { field, message: why };
    }
  }
  return undefined;
}

function decodeQueryPart(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function pathOf(entry: Entry): string {
  const keys: string[] = [];
  for (let at: Entry | undefined = entry; at; at = at.parent) keys.push(at.key);
  const path = keys.reverse().join('.');
  return path.length <= 300 ? path : `${path.slice(0, 200)}…${path.slice(-90)}`;
}

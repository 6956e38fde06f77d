// Compiling a user's CEL expression the way a ValidatingAdmissionPolicy sees it: the variables
// Kubernetes gives (`object`, `oldObject`, `params`, `request`, `variables`, `namespaceObject`), all
// dynamic; anything else is refused before a scan starts, with the column inside the expression.
import { Environment } from '@marcbachmann/cel-js';
import { compileLinearRegex } from '../../../../platform/linear-regex.ts';

export const celVariables = ['object', 'oldObject', 'params', 'request', 'variables', 'namespaceObject'];

// Structural limits at parse time. At run time lists from the object are metered (values.ts); literal
// lists are short, and loops nest at most three deep, so they stay small too.
const maxLoopDepth = 3;
const loopMacros = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

const environment = new Environment({
  limits: { maxAstNodes: 2_000, maxDepth: 50, maxListElements: 100, maxMapEntries: 100 },
  homogeneousAggregateLiterals: false,
});
for (const name of celVariables) environment.registerVariable(name, 'dyn');
// cel-js runs `matches` on V8's backtracking RegExp; CEL means RE2, which is also linear in time.
// Calls to `matches` are pointed at this instead (see linearMatches below).
const linearName = 'stewardLinearMatches';
const re2Matches = (text: string, pattern: string): boolean => {
  const compiled = compileLinearRegex(pattern);
  if (!compiled.ok) throw new Error(`matches: ${compiled.message}`);
  return compiled.regex.foundIn(text);
};
environment.registerFunction(`string.${linearName}(string): bool`, re2Matches);
environment.registerFunction(`${linearName}(string, string): bool`, re2Matches);

export type Compiled = (context: Record<string, unknown>) => unknown;

export type CompileResult =
  | { ok: true; run: Compiled }
  | {
      ok: false;
      message: string /** 0-based offset into the expression, when the library gives one. */;
      offset: number | null;
    };

export function compileCel(expression: string): CompileResult {
  try {
    const parsed = environment.parse(expression);
    const badPattern = linearMatches(parsed.ast);
    if (badPattern) return { ok: false, message: badPattern.message, offset: badPattern.pos };
    const checked = parsed.check();
    if (!checked.valid) return refusal(checked.error);
    const tooDeep = deepLoop(parsed.ast, 0);
    if (tooDeep)
      return {
        ok: false,
        message: `loops (all, exists, map, filter) nest more than ${maxLoopDepth} deep; a policy must stay cheap to evaluate`,
        offset: tooDeep.pos,
      };
    return { ok: true, run: parsed as Compiled };
  } catch (error) {
    return refusal(error);
  }
}

function refusal(error: unknown): CompileResult {
  const e = error as { summary?: string; message?: string; range?: { start: number } };
  const message = (e.summary ?? e.message ?? String(error)).split('\n')[0] as string;
  return { ok: false, message, offset: typeof e.range?.start === 'number' ? e.range.start : null };
}

interface AstNode {
  op: string;
  args: unknown;
  pos: number;
}

/** The first loop nested deeper than allowed, if any. */
function deepLoop(node: unknown, depth: number): AstNode | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = deepLoop(child, depth);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object' || !('op' in node)) return undefined;
  const ast = node as AstNode;
  const args = Array.isArray(ast.args) ? ast.args : [];
  const isLoop = ast.op === 'rcall' && loopMacros.has(args[0] as string);
  if (isLoop && depth + 1 > maxLoopDepth) return ast;
  return deepLoop(args, isLoop ? depth + 1 : depth);
}

/** Points every `matches` call at the RE2 one, checking literal patterns now; the first bad one, if any. */
function linearMatches(node: unknown): { message: string; pos: number } | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const bad = linearMatches(child);
      if (bad) return bad;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object' || !('op' in node)) return undefined;
  const ast = node as AstNode;
  const args = Array.isArray(ast.args) ? ast.args : [];
  if ((ast.op === 'rcall' || ast.op === 'call') && args[0] === 'matches') {
    args[0] = linearName;
    const callArgs = (ast.op === 'rcall' ? args[2] : args[1]) as AstNode[] | undefined;
    const pattern = callArgs?.[callArgs.length - 1];
    if (pattern?.op === 'value' && typeof pattern.args === 'string') {
      const compiled = compileLinearRegex(pattern.args);
      if (!compiled.ok) return { message: `matches: ${compiled.message}`, pos: pattern.pos };
    }
  }
  return linearMatches(args);
}

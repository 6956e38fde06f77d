// A person's notification rules: set (each rule must name one of their contact methods), read as the
// rules in effect (their own, or the default when they set none), and dropped back to the default.
import type { Principal } from '../../platform/auth/principal.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import type { MethodsContext } from './contact-methods.ts';
import { assertMayManage } from './people.ts';
import { effectiveRules } from './rules.ts';
import type { EffectiveRules, SetRules } from './schemas.ts';
import { findRules, listMethods, saveRules } from './store.ts';

export async function getRules(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
): Promise<EffectiveRules> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  return effectiveRules(await findRules(ctx.db, handle), await listMethods(ctx.db, handle));
}

export async function setRules(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
  rules: SetRules,
): Promise<EffectiveRules> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  const methods = await listMethods(ctx.db, handle);
  const known = new Set(methods.map((m) => m.id));
  const problems: FieldProblem[] = [];
  // Someone on call who set no high-urgency rule would be paged through nothing, and nobody would know.
  if (rules.high.length === 0) {
    problems.push({
      field: 'body.high',
      message:
        'needs at least one rule: without one, high-urgency alerts would reach you through nothing (DELETE the rules to go back to the default)',
    });
  }
  for (const urgency of ['high', 'low'] as const) {
    rules[urgency].forEach((rule, i) => {
      if (!known.has(rule.contactMethod)) {
        problems.push({
          field: `body.${urgency}.${i}.contactMethod`,
          message: `${JSON.stringify(rule.contactMethod)} is not one of ${handle}'s contact methods (${[...known].join(', ') || 'they have none yet'}); GET /api/v1/users/${handle}/contact-methods lists them`,
        });
      }
    });
  }
  if (problems.length > 0) {
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  await saveRules(ctx.db, handle, rules);
  return effectiveRules(rules, methods);
}

export async function clearRules(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
): Promise<EffectiveRules> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  await saveRules(ctx.db, handle, null);
  return effectiveRules(undefined, await listMethods(ctx.db, handle));
}

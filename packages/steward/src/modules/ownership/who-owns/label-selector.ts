// Kubernetes label selectors as `kubectl -l` and Backstage's `backstage.io/kubernetes-label-selector`
// write them: `app=web,tier!=cache,env in (prod,staging),!legacy`.
import type { LabelSet } from './label-set.ts';

export type LabelRequirement =
  | { key: string; operator: '=' | '!='; value: string }
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: 'exists' | '!exists' };

export type SelectorResult = { ok: true; requirements: LabelRequirement[] } | { ok: false; message: string };

const key = '[A-Za-z0-9][-A-Za-z0-9_./]*';
const value = '[-A-Za-z0-9_.]*';
const equality = new RegExp(String.raw`^(${key})\s*(==|=|!=)\s*(${value})$`);
const setBased = new RegExp(String.raw`^(${key})\s+(in|notin)\s*\(([^)]*)\)$`);
const existence = new RegExp(String.raw`^(!?)\s*(${key})$`);

export function parseLabelSelector(text: string): SelectorResult {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const item = part.trim();
    if (item === '') continue;
    const eq = equality.exec(item);
    if (eq) {
      const [, k, op, v] = eq as unknown as [string, string, string, string];
      requirements.push({ key: k, operator: op === '!=' ? '!=' : '=', value: v });
      continue;
    }
    const set = setBased.exec(item);
    if (set) {
      const [, k, op, list] = set as unknown as [string, string, 'in' | 'notin', string];
      const values = list.split(',').map((v) => v.trim());
      if (values.some((v) => !new RegExp(`^${value}$`).test(v))) return bad(item);
      requirements.push({ key: k, operator: op, values });
      continue;
    }
    const exists = existence.exec(item);
    if (exists) {
      requirements.push({ key: exists[2] as string, operator: exists[1] === '!' ? '!exists' : 'exists' });
      continue;
    }
    return bad(item);
  }
  if (requirements.length === 0) return { ok: false, message: 'the selector is empty' };
  return { ok: true, requirements };
}

export function selectorMatches(requirements: readonly LabelRequirement[], labels: LabelSet): boolean {
  return requirements.every((r) => requirementMatches(r, labels));
}

function requirementMatches(requirement: LabelRequirement, labels: LabelSet): boolean {
  const actual = Object.hasOwn(labels, requirement.key) ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case '=':
      return actual === requirement.value;
    case '!=':
      return actual !== requirement.value;
    case 'in':
      return actual !== undefined && requirement.values.includes(actual);
    case 'notin':
      return actual === undefined || !requirement.values.includes(actual);
    case 'exists':
      return actual !== undefined;
    case '!exists':
      return actual === undefined;
  }
}

export function describeRequirement(requirement: LabelRequirement): string {
  if ('value' in requirement) return `${requirement.key}${requirement.operator}${requirement.value}`;
  if ('values' in requirement)
    return `${requirement.key} ${requirement.operator} (${requirement.values.join(',')})`;
  return requirement.operator === 'exists' ? requirement.key : `!${requirement.key}`;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function bad(item: string): SelectorResult {
  return {
    ok: false,
    message: `"${item}" is not a label requirement: write key=value, key!=value, key in (a,b), key notin (a,b), key or !key`,
  };
}

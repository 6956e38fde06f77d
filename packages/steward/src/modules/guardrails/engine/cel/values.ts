// Values as CEL sees a Kubernetes object: JSON integers are CEL `int` (bigint here), other numbers
// `double`. Lists are counted as they are read, so one evaluation visits a bounded number of elements
// however deeply a hostile expression nests its loops.
import type { YamlNode } from '../kubernetes/nodes.ts';

export function plainValue(node: YamlNode): unknown {
  if (node.kind === 'scalar') {
    const value = node.value;
    return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (node.kind === 'seq') return node.items.map(plainValue);
  const out: Record<string, unknown> = {};
  for (const p of node.pairs) out[p.key] = plainValue(p.value);
  return out;
}

export class BudgetExceeded extends Error {}

export interface Budget {
  /** Element visits left in this evaluation. */
  left: number;
}

/** A deep copy of `value` whose lists charge each element read to `budget`. */
export function metered(value: unknown, budget: Budget): unknown {
  if (Array.isArray(value)) {
    return new Proxy(
      value.map((v) => metered(v, budget)),
      {
        get(target, key, receiver) {
          if (typeof key === 'string' && isIndex(key) && --budget.left < 0) {
            throw new BudgetExceeded('the expression read more list elements than its budget allows');
          }
          return Reflect.get(target, key, receiver);
        },
      },
    );
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = metered(v, budget);
    return out;
  }
  return value;
}

function isIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57;
}

// The quota and container limits each tier gets (docs/guardrails.md has the table), and the sizes
// file (`--sizes FILE`, YAML or JSON) that overrides them key by key, every problem positioned:
//
//   defaultTier: 3
//   tiers:
//     1:
//       quota: { requests.cpu: "48", limits.memory: 192Gi }
//       container: { max: { cpu: "16" } }
import { parseWithYamlPackage } from '../../../../platform/yaml/fallback.ts';
import type { YamlNode, YamlPosition } from '../../../../platform/yaml/nodes.ts';
import type { FileProblem } from '../model.ts';
import type { ComputeSize, Sizes, Tier, TierSize } from './model.ts';
import { quantityValue } from './quantity.ts';

const tier = (
  quota: [cpu: string, memory: string, limitsCpu: string, limitsMemory: string, pods: string, pvcs: string],
  container: [request: ComputeSize, fallback: ComputeSize, max: ComputeSize],
): TierSize => ({
  quota: {
    'requests.cpu': quota[0],
    'requests.memory': quota[1],
    'limits.cpu': quota[2],
    'limits.memory': quota[3],
    pods: quota[4],
    persistentvolumeclaims: quota[5],
  },
  container: { defaultRequest: container[0], default: container[1], max: container[2] },
});

export const defaultSizes: Sizes = {
  defaultTier: 3,
  tiers: {
    1: tier(
      ['32', '64Gi', '64', '128Gi', '200', '20'],
      [
        { cpu: '250m', memory: '256Mi' },
        { cpu: '1', memory: '1Gi' },
        { cpu: '8', memory: '16Gi' },
      ],
    ),
    2: tier(
      ['16', '32Gi', '32', '64Gi', '100', '10'],
      [
        { cpu: '200m', memory: '256Mi' },
        { cpu: '1', memory: '1Gi' },
        { cpu: '4', memory: '8Gi' },
      ],
    ),
    3: tier(
      ['8', '16Gi', '16', '32Gi', '50', '5'],
      [
        { cpu: '100m', memory: '128Mi' },
        { cpu: '500m', memory: '512Mi' },
        { cpu: '2', memory: '4Gi' },
      ],
    ),
    4: tier(
      ['4', '8Gi', '8', '16Gi', '25', '2'],
      [
        { cpu: '100m', memory: '128Mi' },
        { cpu: '500m', memory: '512Mi' },
        { cpu: '1', memory: '2Gi' },
      ],
    ),
  },
};

type Problem = (at: YamlPosition, message: string) => void;

const containerKeys = ['defaultRequest', 'default', 'max'] as const;
const computeKeys = ['cpu', 'memory'] as const;
/** A ResourceQuota resource name: `pods`, `requests.cpu`, `requests.nvidia.com/gpu`, `count/deployments.apps`. */
const resourceName = /^[a-z0-9]([-a-z0-9./]*[a-z0-9])?$/;

/** The defaults with the file's values put over them, or the file's problems (then the defaults). */
export function parseSizes(file: string, source: string): { sizes: Sizes; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const problem: Problem = (at, message) =>
    problems.push({ file, line: at.line, column: at.column, message });
  const sizes = structuredClone(defaultSizes);
  const doc = parseWithYamlPackage(source)[0];
  for (const error of doc?.errors ?? []) problem(error, `not valid YAML or JSON: ${error.message}`);
  const root = doc?.contents;
  if (problems.length > 0) return { sizes: defaultSizes, problems };
  if (root?.kind !== 'map') {
    problem(root ?? { line: 1, column: 1 }, 'expected a mapping with tiers (and optionally defaultTier)');
    return { sizes: defaultSizes, problems };
  }
  for (const pair of root.pairs) {
    if (pair.key === 'defaultTier') {
      const value = tierOf(pair.value);
      if (value === null) problem(pair.value, 'defaultTier must be a tier: 1, 2, 3 or 4');
      else sizes.defaultTier = value;
    } else if (pair.key === 'tiers') readTiers(pair.value, sizes, problem);
    else problem(pair, `unknown field ${pair.key}: a sizes file has defaultTier and tiers`);
  }
  return problems.length > 0 ? { sizes: defaultSizes, problems } : { sizes, problems };
}

function tierOf(node: YamlNode | string): Tier | null {
  const value = typeof node === 'string' ? node : node.kind === 'scalar' ? String(node.value) : '';
  return value === '1' || value === '2' || value === '3' || value === '4' ? (Number(value) as Tier) : null;
}

function readTiers(node: YamlNode, sizes: Sizes, problem: Problem) {
  if (node.kind !== 'map') return problem(node, 'tiers must map a tier (1 to 4) to its quota and container');
  for (const pair of node.pairs) {
    const tier = tierOf(pair.key);
    if (tier === null) {
      problem(pair, `tiers.${pair.key}: not a tier; tiers are 1 (most critical) to 4`);
      continue;
    }
    const path = `tiers.${tier}`;
    if (pair.value.kind !== 'map') {
      problem(pair.value, `${path} must be a mapping with quota and/or container`);
      continue;
    }
    const given = sizes.tiers[tier];
    for (const field of pair.value.pairs) {
      if (field.key === 'quota') readQuota(field.value, `${path}.quota`, given.quota, problem);
      else if (field.key === 'container') readContainer(field.value, `${path}.container`, given, problem);
      else problem(field, `${path}: unknown field ${field.key}; a tier has quota and container`);
    }
    checkOrder(given, path, pair.value, problem);
  }
}

function readQuota(node: YamlNode, path: string, quota: Record<string, string>, problem: Problem) {
  if (node.kind !== 'map') return problem(node, `${path} must map resource names to quantities`);
  for (const pair of node.pairs) {
    if (!resourceName.test(pair.key)) {
      problem(pair, `${path}: ${JSON.stringify(pair.key)} is not a resource name (requests.cpu, pods, …)`);
      continue;
    }
    const value = quantity(pair.value, `${path}.${pair.key}`, problem);
    if (value !== null) quota[pair.key] = value;
  }
}

function readContainer(node: YamlNode, path: string, size: TierSize, problem: Problem) {
  if (node.kind !== 'map')
    return problem(node, `${path} must be a mapping with defaultRequest, default, max`);
  for (const pair of node.pairs) {
    const which = containerKeys.find((k) => k === pair.key);
    if (which === undefined) {
      problem(pair, `${path}: unknown field ${pair.key}; expected defaultRequest, default or max`);
      continue;
    }
    if (pair.value.kind !== 'map') {
      problem(pair.value, `${path}.${which} must be a mapping with cpu and/or memory`);
      continue;
    }
    for (const field of pair.value.pairs) {
      const resource = computeKeys.find((k) => k === field.key);
      if (resource === undefined) {
        problem(field, `${path}.${which}: unknown field ${field.key}; expected cpu or memory`);
        continue;
      }
      const value = quantity(field.value, `${path}.${which}.${resource}`, problem);
      if (value !== null) size.container[which][resource] = value;
    }
  }
}

function quantity(node: YamlNode, path: string, problem: Problem): string | null {
  const text = node.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
  const value = text === undefined ? null : quantityValue(text);
  if (text === undefined || value === null || value < 0) {
    problem(
      node,
      `${path}: ${text === undefined ? 'nothing' : JSON.stringify(text)} is not a quantity; write one as Kubernetes does: 500m, 2, 512Mi, 4Gi`,
    );
    return null;
  }
  return text;
}

/** Kubernetes refuses a LimitRange whose defaultRequest exceeds its default, or default its max. */
function checkOrder(size: TierSize, path: string, at: YamlPosition, problem: Problem) {
  const { defaultRequest, default: fallback, max } = size.container;
  for (const resource of computeKeys) {
    const [request, given, most] = [defaultRequest, fallback, max].map(
      (c) => quantityValue(c[resource]) ?? 0,
    ) as [number, number, number];
    if (request > given)
      problem(
        at,
        `${path}.container: defaultRequest.${resource} ${defaultRequest[resource]} is above default.${resource} ${fallback[resource]}; Kubernetes refuses such a LimitRange`,
      );
    if (given > most)
      problem(
        at,
        `${path}.container: default.${resource} ${fallback[resource]} is above max.${resource} ${max[resource]}; Kubernetes refuses such a LimitRange`,
      );
  }
}

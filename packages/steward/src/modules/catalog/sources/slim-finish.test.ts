// A streaming load keeps, of each file whose entities it handed out, only what the whole-set check
// reads; the problems must be exactly those of a load that keeps every entity: same codes, messages,
// positions and order. The catalog is Acme's (examples/acme) with 40 more files, read 16 at a time,
// so that duplicates, dangling refs, a missing schedule member and a hierarchy loop span batches.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity, CatalogProblem } from '../engine/model.ts';
import { createCatalogChecker, type FileCheck, slimCheck } from '../engine/validate-catalog.ts';
import { loadCatalog } from './load.ts';
import { streamCatalog } from './stream-load.ts';

const acme = join(import.meta.dirname, '../../../../../../examples/acme');

/** Lines 1-9; the name at 4:9, the dependsOn item at 9:15. */
const component = (name: string, dependsOn: string, lifecycle = '  lifecycle: production\n') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n${lifecycle}  owner: group:platform\n  dependsOn: [${dependsOn}]\n`;
/** The parent at 7:11. */
const group = (name: string, parent: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  parent: ${parent}\n  children: []\n`;
/** The member at 12:17. */
const schedule = (name: string, member: string) =>
  `apiVersion: steward.dev/v1\nkind: Schedule\nmetadata:\n  name: ${name}\nspec:\n  owner: group:platform\n  timeZone: Europe/Berlin\n  layers:\n    - name: weekly\n      start: "2026-01-05T09:00"\n      rotation: P1W\n      members: [${member}]\n`;

const special: Record<number, string> = {
  5: component('extra-05', 'component:nowhere'),
  10: group('loop-a', 'loop-b'),
  15: schedule('extra-rota', 'nobody-here'),
  20: group('loop-b', 'loop-c'),
  // Invalid (no lifecycle): not kept, but its ref still counts as taken and its refs are still checked.
  25: component('extra-25', 'component:gone', ''),
  30: group('loop-c', 'loop-a'),
  33: component('extra-02', 'component:web-shop'),
  38: component('web-shop', 'component:extra-01'),
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'steward-slim-finish-'));
  cpSync(acme, root, { recursive: true });
  for (let i = 0; i < 40; i++) {
    const n = String(i).padStart(2, '0');
    writeFileSync(
      join(root, 'catalog', `more-${n}.yaml`),
      special[i] ?? component(`extra-${n}`, 'component:web-shop'),
    );
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const shown = (problems: CatalogProblem[]) =>
  problems.map((p) => `${p.file.slice(root.length + 1)}:${p.line}:${p.column} ${p.code}`);

describe('the whole-set check of a streaming load', () => {
  it('reports exactly what the full load reports, and keeps the same refs', async () => {
    const full = await loadCatalog([root]);
    const handedOut: CatalogEntity[] = [];
    const streamed = await streamCatalog([root], {
      onEntities: (entities) => {
        handedOut.push(...entities);
      },
    });
    expect(streamed.errors).toEqual(full.errors);
    expect(streamed.warnings).toEqual(full.warnings);
    expect(streamed.entityCount).toBe(full.entityCount);
    expect(streamed.refs).toEqual(full.entities.map((e) => e.ref));
    // Handed out: the valid first of each ref, the schedule awaiting its member included.
    expect(handedOut.map((e) => e.ref).sort()).toEqual(
      [...full.entities, ...full.awaitingTargets].map((e) => e.ref).sort(),
    );

    const ours = (problems: CatalogProblem[]) => shown(problems).filter((p) => p.startsWith('catalog/more-'));
    expect(ours(full.errors)).toEqual([
      'catalog/more-15.yaml:12:17 missing-target',
      // The spec mapping, where lifecycle is missing, starts at its first key.
      'catalog/more-25.yaml:6:3 missing-field',
      'catalog/more-30.yaml:7:11 hierarchy-cycle',
      'catalog/more-33.yaml:4:9 duplicate-entity',
      'catalog/more-38.yaml:4:9 duplicate-entity',
    ]);
    expect(ours(full.warnings)).toEqual([
      'catalog/more-05.yaml:9:15 dangling-ref',
      // No lifecycle line: dependsOn is the 8th.
      'catalog/more-25.yaml:8:15 dangling-ref',
    ]);
    const loop = full.errors.find((p) => p.code === 'hierarchy-cycle');
    expect(loop?.message).toContain(
      'group:default/loop-a → group:default/loop-b → group:default/loop-c → group:default/loop-a',
    );
    const duplicate = full.errors.find(
      (p) => p.code === 'duplicate-entity' && p.file.endsWith('more-33.yaml'),
    );
    expect(duplicate?.message).toContain(`already defined at ${join(root, 'catalog', 'more-02.yaml')}:4:9`);
  });

  it('gives the same problems from slim checks as from full ones, and the kept refs without the entities', () => {
    const checker = createCatalogChecker();
    const sources = Object.entries(special).map(([i, content]) => ({ file: `more-${i}.yaml`, content }));
    sources.push({ file: 'extras.yaml', content: component('extra-01', 'component:extra-02') });
    sources.push({ file: 'web-shop.yaml', content: component('web-shop', 'component:extra-05') });
    const checks = (): FileCheck[] => sources.map((s) => checker.checkFile(s));
    const full = checker.finish(checks());
    const slim = checker.finish(checks().map((check) => slimCheck(check)));
    // Every ref known before slimming: refs to entities read are dropped, those in hierarchies kept.
    const all = checks();
    const seen = new Set(all.flatMap((check) => check.candidates.map((c) => c.entity.ref)));
    const slimmer = all.map((check) => slimCheck(check, seen));
    expect(
      slimmer.flatMap((check) => check.candidates.flatMap((c) => c.declared.map((d) => d.targetRef))),
    ).toEqual([
      // group:platform is not among these files: every owner ref stays, and refs to entities read go.
      'group:default/platform',
      'component:default/nowhere',
      'group:default/loop-b',
      'group:default/platform',
      'user:default/nobody-here',
      'group:default/loop-c',
      'group:default/platform',
      'component:default/gone',
      'group:default/loop-a',
      'group:default/platform',
      'group:default/platform',
      'group:default/platform',
      'group:default/platform',
    ]);
    for (const result of [slim, checker.finish(slimmer)]) {
      expect(result.errors).toEqual(full.errors);
      expect(result.warnings).toEqual(full.warnings);
      expect(result.entities).toEqual([]);
      expect(result.awaitingTargets).toEqual([]);
      expect(result.refs).toEqual(full.entities.map((e) => e.ref));
    }
    expect(full.refs).toEqual(full.entities.map((e) => e.ref));
    // Only web-shop is written twice in these files (extra-02 once: its first is in the directory test's).
    expect(full.errors.map((p) => p.code).sort()).toEqual([
      'duplicate-entity',
      'hierarchy-cycle',
      'missing-field',
      'missing-target',
    ]);
  });
});

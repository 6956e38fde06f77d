import { describe, expect, it } from 'vitest';
import type { EntityRelation } from './model.ts';
import { uniqueRelations } from './relations.ts';

const position = { file: 'catalog-info.yaml', line: 1, column: 1 };
const relation = (type: string, targetRef: string, origin: EntityRelation['origin']): EntityRelation => ({
  type,
  targetRef,
  origin,
  position: { ...position },
});

describe('uniqueRelations', () => {
  it('keeps one relation per type and target, declared ones first and winning over inverses', () => {
    const a = relation('ownedBy', 'group:default/a', 'inverse');
    const b = relation('ownedBy', 'group:default/a', 'declared');
    const c = relation('partOf', 'group:default/a', 'inverse');
    const d = relation('ownedBy', 'group:default/b', 'declared');
    const e = relation('ownedBy', 'group:default/b', 'declared');
    expect(uniqueRelations([a, b, c, d, e])).toEqual([b, d, c]);
    expect(uniqueRelations([a, b, c, d, e])[1]).toBe(d);
  });

  it('gives the same answer for an entity with hundreds of relations (a system with all its parts)', () => {
    // Over 32 relations the kept ones are looked up by key instead of compared one by one.
    const relations: EntityRelation[] = [];
    for (let i = 0; i < 300; i++) {
      relations.push(relation('hasPart', `component:default/c${i % 120}`, 'inverse'));
      if (i % 50 === 0) relations.push(relation('hasPart', `component:default/c${i % 120}`, 'declared'));
    }
    relations.push(relation('ownedBy', 'component:default/c1', 'inverse'));
    const unique = uniqueRelations(relations);
    // 120 distinct hasPart targets and one ownedBy; the 6 declared ones (c0, c50, c100, c30, c80, c10) first.
    expect(unique).toHaveLength(121);
    expect(unique.slice(0, 6).map((r) => [r.origin, r.targetRef])).toEqual(
      [0, 50, 100, 30, 80, 10].map((n) => ['declared', `component:default/c${n}`]),
    );
    // c0 is declared, so the first inverse kept is c1 (relations[2]).
    expect(unique[6]).toBe(relations[2]);
    expect(unique.at(-1)).toMatchObject({ type: 'ownedBy', targetRef: 'component:default/c1' });
    // The one-by-one comparison agrees on every prefix short enough for it.
    for (let n = 1; n <= 32; n++) {
      const prefix = relations.slice(0, n);
      const seen = new Set<string>();
      const expected = ['declared', 'inverse'].flatMap((origin) =>
        prefix.filter((r) => {
          const key = `${r.type} ${r.targetRef}`;
          if (r.origin !== origin || seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
      );
      expect(uniqueRelations(prefix)).toEqual(expected);
    }
  });
});

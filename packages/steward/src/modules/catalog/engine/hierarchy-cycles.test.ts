import { describe, expect, it } from 'vitest';
import { validateCatalog } from './validate-catalog.ts';

/** A Group document; `extra` lines go at the end of spec, two-space indented. */
const group = (name: string, ...extra: string[]) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: team',
    ...extra,
  ]
    .join('\n')
    .concat('\n');

const check = (content: string) => validateCatalog([{ file: 'org.yaml', content }]);

describe('hierarchy cycles', () => {
  it('reports a team that is its own grandparent, once, naming the loop', () => {
    // Documents start at lines 1, 10 and 19; each `parent:` is the 7th line of its document, value at column 11.
    // The walk starts from the first ref in order (a) and closes the loop at b's parent.
    const content = [
      group('a', '  parent: c', '  children: []'),
      group('b', '  parent: a', '  children: []'),
      group('c', '  parent: b', '  children: []'),
    ].join('---\n');
    const { errors } = check(content);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'org.yaml',
      line: 16,
      column: 11,
      entity: 'group:default/b',
      code: 'hierarchy-cycle',
    });
    expect(errors[0]?.message).toContain(
      'group:default/a → group:default/c → group:default/b → group:default/a',
    );
  });

  it('sees a loop written half with parent and half with children', () => {
    // y is x's child, x's parent is z, z's parent is y.
    const content = [
      group('x', '  children: [y]', '  parent: z'),
      group('y', '  children: []'),
      group('z', '  parent: y', '  children: []'),
    ].join('---\n');
    const { errors } = check(content);
    expect(errors.map((e) => e.code)).toEqual(['hierarchy-cycle']);
    expect(errors[0]?.message).toMatch(
      /group:default\/\w → group:default\/\w → group:default\/\w → group:default\/\w/,
    );
  });

  it('accepts a hierarchy stated twice, as parent and as children', () => {
    const content = [
      group('top', '  children: [mid]'),
      group('mid', '  parent: top', '  children: [leaf]'),
      group('leaf', '  parent: mid', '  children: []'),
    ].join('---\n');
    expect(check(content).errors).toEqual([]);
  });

  it('reports a team that is its own parent', () => {
    const { errors } = check(group('solo', '  parent: solo', '  children: []'));
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([[7, 11, 'hierarchy-cycle']]);
  });
});

// The OpenSLO objects of a compile, by kind and name, so that SLOs, policies and conditions can refer
// to each other across files; and the one name every object must carry.
import type { YamlMap } from '../../../platform/yaml/nodes.ts';
import { type FieldReader, join } from './spec-fields.ts';

export interface Named {
  reader: FieldReader;
  node: YamlMap;
  field: string;
}

export type Index = Map<string, Map<string, Named>>;

export function metadataName(r: FieldReader, root: YamlMap, field: string): string {
  const metadata = r.map(r.get(root, 'metadata')?.node, join(field, 'metadata'), [
    'name',
    'displayName',
    'labels',
    'annotations',
  ]);
  const name = r.string(metadata, 'name', join(field, 'metadata')) ?? '';
  if (!name)
    r.problem(metadata ?? root, join(field, 'metadata.name'), 'is required: every OpenSLO object has a name');
  return name;
}

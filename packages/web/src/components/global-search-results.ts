// What the top bar's search offers for some words: catalog entities (from the catalog's search),
// then teams and people (matched here by name, display name or handle). Pure, so it is tested alone.

export interface SearchOption {
  /** Unique among the options; also the option element's id suffix. */
  key: string;
  group: 'Catalog' | 'Teams' | 'People';
  label: string;
  detail: string;
  href: string;
}

export interface EntityHit {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string | null | undefined;
}

export interface TeamHit {
  name: string;
  displayName: string;
}

export interface PersonHit {
  handle: string;
  name: string;
}

const perGroup = 6;

export function searchOptions(
  words: string,
  found: { entities: EntityHit[]; teams: TeamHit[]; people: PersonHit[] },
): SearchOption[] {
  const terms = words.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const matches = (...texts: string[]) => {
    const haystack = texts.join(' ').toLowerCase();
    return terms.every((term) => haystack.includes(term));
  };
  // Teams and people appear in their own groups, with their own pages, not as catalog entities.
  const entities = found.entities
    .filter((e) => e.kind.toLowerCase() !== 'group' && e.kind.toLowerCase() !== 'user')
    .slice(0, perGroup)
    .map<SearchOption>((e) => ({
      key: `entity:${e.ref}`,
      group: 'Catalog',
      label: e.title || e.name,
      detail:
        e.namespace === 'default'
          ? `${e.kind.toLowerCase()} · ${e.name}`
          : `${e.kind.toLowerCase()} · ${e.namespace}/${e.name}`,
      href: `/catalog/${encodeURIComponent(e.kind.toLowerCase())}/${encodeURIComponent(e.namespace)}/${encodeURIComponent(e.name)}`,
    }));
  const teams = found.teams
    .filter((t) => matches(t.name, t.displayName))
    .slice(0, perGroup)
    .map<SearchOption>((t) => ({
      key: `team:${t.name}`,
      group: 'Teams',
      label: t.displayName,
      detail: `team · ${t.name}`,
      href: `/teams/${encodeURIComponent(t.name)}`,
    }));
  const people = found.people
    .filter((p) => matches(p.handle, p.name))
    .slice(0, perGroup)
    .map<SearchOption>((p) => ({
      key: `person:${p.handle}`,
      group: 'People',
      label: p.name,
      detail: `person · ${p.handle}`,
      href: `/people/${encodeURIComponent(p.handle)}`,
    }));
  return [...entities, ...teams, ...people];
}

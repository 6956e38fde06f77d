// Owners read as people know them: a team's display name ("Payments") rather than its ref, linked
// to the team's page. Teams are loaded once per session; a team not known yet shows its name.
import { createContext, type ReactNode, useContext } from 'react';
import { listTeams } from '../../api/identity.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../router.tsx';
import { ownerHref, parseRef, shortRef } from './entity-refs.ts';

const TeamNames = createContext<ReadonlyMap<string, string>>(new Map());

export function TeamNamesProvider({ children }: { children: ReactNode }) {
  const teams = useResource('teams:names', listTeams);
  const names = new Map((teams.data ?? []).map((team) => [team.name, team.displayName]));
  return <TeamNames.Provider value={names}>{children}</TeamNames.Provider>;
}

/** `group:default/payments` → "Payments"; any other ref in its short form. */
export function useOwnerName(): (ref: string) => string {
  const names = useContext(TeamNames);
  return (ref) => {
    const { kind, namespace, name } = parseRef(ref);
    const known = kind === 'group' && namespace === 'default' ? names.get(name) : undefined;
    return known ?? shortRef(ref);
  };
}

export function OwnerLink({ owner, className }: { owner: string; className?: string }) {
  const nameOf = useOwnerName();
  return (
    <Link href={ownerHref(owner)} className={className} title={owner}>
      {nameOf(owner)}
    </Link>
  );
}

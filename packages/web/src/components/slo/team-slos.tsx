// The SLOs of a team's services, on its page; nothing is shown for a team whose services have none.
import { listSlos } from '../../api/slos.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { SloTable } from './slo-table.tsx';

export function TeamSlos({ team, displayName }: { team: string; displayName: string }) {
  const slos = useResource(`slos:team=${team}`, () => listSlos({ team }));
  useReloadOnCatalogChange(slos.reload);
  if (slos.state === 'failed') return <ProblemMessage error={slos.error} onRetry={slos.reload} />;
  if (slos.state !== 'ready' || slos.data.length === 0) return null;
  return <SloTable slos={slos.data} label={`SLOs of the services ${displayName} owns`} />;
}

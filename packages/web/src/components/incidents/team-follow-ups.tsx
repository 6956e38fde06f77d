// On a team's page: the follow-ups past their due date, from its incidents and those it owns.
import { useId } from 'react';
import { overdueFollowUps } from '../../api/incidents.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../router.tsx';
import { useReloadOnTopic } from '../alerts/use-live-reload.ts';
import { RefLink } from '../oncall/ref-links.tsx';
import { ResourceView } from '../resource-view.tsx';
import { formatDate } from '../time-format.ts';

export function TeamOverdueFollowUps({ team }: { team: string }) {
  const id = useId();
  const overdue = useResource(`overdue-follow-ups:${team}`, () => overdueFollowUps(team));
  useReloadOnTopic('incidents', overdue.reload);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        Overdue follow-ups <span className="count">{overdue.data?.length ?? ''}</span>
      </h2>
      <ResourceView resource={overdue} label="the overdue follow-ups">
        {(items) =>
          items.length === 0 ? (
            <p className="empty empty--good">Nothing overdue.</p>
          ) : (
            <ul className="follow-ups" aria-label="Overdue follow-ups">
              {items.map((item) => (
                <li key={item.id} className="follow-ups__item">
                  <span>
                    {item.title}{' '}
                    <span className="muted">
                      from{' '}
                      <Link href={`/incidents/${encodeURIComponent(item.incidentId)}`}>
                        {item.incidentTitle}
                      </Link>
                    </span>
                  </span>
                  <span>
                    <RefLink entityRef={item.owner} />, due {formatDate(`${item.due}T12:00:00`)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </section>
  );
}

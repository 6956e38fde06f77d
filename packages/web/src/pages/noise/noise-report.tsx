// The parts of a team's noise report: what to look at first (the figures), then which alerts make the
// noise, which flap, and who is paged outside working hours.
import type { NoiseAnswer } from '../../api/alerts.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { shortRef } from '../../components/oncall/ref-links.tsx';

type Group = NoiseAnswer['groups'][number];
type Person = NoiseAnswer['pagesOutsideHours']['byPerson'][number];

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** 90 000 ms → "1 min 30 s"; whole hours and minutes above an hour. */
export function formatSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function NoiseFigures({ report }: { report: NoiseAnswer }) {
  const ack = report.timeToAcknowledge;
  const hours = report.workingHours;
  return (
    <section className="card" aria-labelledby="noise-figures-title">
      <h2 id="noise-figures-title" className="card__title card__title--plain">
        In short
      </h2>
      <dl className="noise-figures">
        <dt>Alerts</dt>
        <dd>{report.alerts}</dd>
        <dt>Resolved with nobody acting</dt>
        <dd>
          {percent(report.resolvedByItself.share)} ({report.resolvedByItself.count})
        </dd>
        <dt>Pages outside working hours</dt>
        <dd>
          {percent(report.pagesOutsideHours.share)} ({report.pagesOutsideHours.count} of{' '}
          {report.pagesOutsideHours.pages})
        </dd>
        <dt>Time to acknowledge</dt>
        <dd>
          {ack
            ? `median ${formatSpan(ack.p50Ms)}, 90% within ${formatSpan(ack.p90Ms)}, longest ${formatSpan(ack.maxMs)}`
            : 'nothing was acknowledged'}
        </dd>
      </dl>
      <p className="muted">
        Working hours: {hours.days.join(', ')} {hours.from}–{hours.to} ({hours.timeZone}).
      </p>
    </section>
  );
}

export function NoiseGroups({ groups }: { groups: Group[] }) {
  const columns: Column<Group>[] = [
    { id: 'name', header: 'Alert', cell: (row) => row.name, sortValue: (row) => row.name },
    {
      id: 'service',
      header: 'Service',
      cell: (row) => shortRef(row.service),
      sortValue: (row) => row.service,
    },
    {
      id: 'count',
      header: 'Count',
      cell: (row) => row.count,
      sortValue: (row) => row.count,
      className: 'numeric',
    },
    {
      id: 'self',
      header: 'Resolved with nobody acting',
      cell: (row) => percent(row.resolvedByItself.share),
      sortValue: (row) => row.resolvedByItself.share,
      className: 'numeric',
    },
    {
      id: 'flaps',
      header: 'Flaps',
      cell: (row) => row.flaps,
      sortValue: (row) => row.flaps,
      className: 'numeric',
    },
    {
      id: 'night',
      header: 'Pages outside hours',
      cell: (row) => row.pagesOutsideHours,
      sortValue: (row) => row.pagesOutsideHours,
      className: 'numeric',
    },
    { id: 'suggestion', header: 'Suggestion', cell: (row) => row.suggestion ?? '' },
  ];
  if (groups.length === 0) return <p className="empty card">No alerts in this period.</p>;
  return (
    <DataTable
      label="Alerts by count"
      columns={columns}
      rows={groups}
      rowKey={(row) => `${row.service}|${row.name}`}
    />
  );
}

export function NoiseFlapping({ flapping }: { flapping: NoiseAnswer['flapping'] }) {
  if (flapping.length === 0) return <p className="empty card">No alert flapped.</p>;
  return (
    <ul className="card noise-list" aria-label="Flapping alerts">
      {flapping.map((each) => (
        <li key={`${each.service}|${each.name}`}>
          <strong>{each.name}</strong> on {shortRef(each.service)}: fired again {each.flaps}{' '}
          {each.flaps === 1 ? 'time' : 'times'} within 30 minutes of resolving
        </li>
      ))}
    </ul>
  );
}

export function NoisePeople({ people }: { people: Person[] }) {
  const columns: Column<Person>[] = [
    { id: 'person', header: 'Person', cell: (row) => shortRef(row.person), sortValue: (row) => row.person },
    {
      id: 'pages',
      header: 'Pages',
      cell: (row) => row.pages,
      sortValue: (row) => row.pages,
      className: 'numeric',
    },
    {
      id: 'outside',
      header: 'Outside working hours',
      cell: (row) => `${row.outsideHours.count} (${percent(row.outsideHours.share)})`,
      sortValue: (row) => row.outsideHours.count,
      className: 'numeric',
    },
  ];
  if (people.length === 0) return <p className="empty card">Nobody was paged in this period.</p>;
  return <DataTable label="Pages by person" columns={columns} rows={people} rowKey={(row) => row.person} />;
}

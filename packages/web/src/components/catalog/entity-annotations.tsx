// metadata.annotations as written: the keys integrations read (source location, PagerDuty service,
// GitHub slug, …), with values that are web addresses made into links.
import type { EntityDetail } from '../../api/catalog.ts';

export function EntityAnnotations({ detail }: { detail: EntityDetail }) {
  const annotations = annotationsOf(detail.entity);
  return (
    <section className="card card--flush" aria-labelledby="annotations-title">
      <h2 id="annotations-title" className="card__title">
        Annotations <span className="count">{annotations.length}</span>
      </h2>
      {annotations.length === 0 ? (
        <p className="empty">No annotations.</p>
      ) : (
        <dl className="annotations">
          {annotations.map(([key, value]) => (
            <div key={key} className="annotations__row">
              <dt>
                <code>{key}</code>
              </dt>
              <dd>
                <AnnotationValue value={value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function AnnotationValue({ value }: { value: string }) {
  const url = webAddressIn(value);
  if (!url) return <code className="annotations__value">{value}</code>;
  return (
    <a href={url} target="_blank" rel="noreferrer" className="annotations__value">
      {value}
    </a>
  );
}

/** `https://…`, or Backstage's `url:https://…` location form; anything else is not a link. */
export function webAddressIn(value: string): string | null {
  const address = value.startsWith('url:') ? value.slice(4) : value;
  return /^https?:\/\/[^\s]+$/.test(address) ? address : null;
}

export function annotationsOf(entity: Record<string, unknown>): [string, string][] {
  const metadata = entity.metadata as { annotations?: unknown } | undefined;
  const annotations = metadata?.annotations;
  if (typeof annotations !== 'object' || annotations === null) return [];
  return Object.entries(annotations)
    .map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)])
    .sort(([a], [b]) => a.localeCompare(b));
}

// An API entity's spec.definition, rendered for its spec.type: OpenAPI with Swagger UI, AsyncAPI with
// AsyncAPI's own React component, GraphQL SDL through graphql's printer, gRPC and anything else as
// highlighted text. Each viewer is loaded only when a page shows one, so the portal stays small.

import { Component, lazy, type ReactNode, Suspense } from 'react';
import type { EntityDetail } from '../../../api/catalog.ts';
import { CodeBlock } from '../../code-block.tsx';

const OpenApiViewer = lazy(() => import('./openapi-viewer.tsx').then((m) => ({ default: m.OpenApiViewer })));
const AsyncApiViewer = lazy(() =>
  import('./asyncapi-viewer.tsx').then((m) => ({ default: m.AsyncApiViewer })),
);
const GraphqlViewer = lazy(() => import('./graphql-viewer.tsx').then((m) => ({ default: m.GraphqlViewer })));
const CodeViewer = lazy(() => import('./code-viewer.tsx').then((m) => ({ default: m.CodeViewer })));

export interface ApiDefinition {
  type: string;
  text: string;
}

/** The definition as text, or why there is none to show. */
export function apiDefinitionOf(entity: Record<string, unknown>): ApiDefinition | { missing: string } {
  const spec = (entity.spec ?? {}) as { type?: unknown; definition?: unknown };
  const type = typeof spec.type === 'string' ? spec.type.toLowerCase() : 'unknown';
  if (typeof spec.definition === 'string' && spec.definition.trim() !== '') {
    return { type, text: spec.definition };
  }
  if (typeof spec.definition === 'object' && spec.definition !== null) {
    const [key] = Object.keys(spec.definition);
    return {
      missing: `spec.definition is a ${key ?? 'map'} substitution that was not resolved when the catalog was read, so there is no text to show.`,
    };
  }
  return { missing: 'This API has no spec.definition.' };
}

export function ApiDefinitionCard({ detail }: { detail: EntityDetail }) {
  const definition = apiDefinitionOf(detail.entity);
  const type = 'missing' in definition ? null : definition.type;
  return (
    <section className="card card--flush api-definition" aria-labelledby="definition-title">
      <h2 id="definition-title" className="card__title">
        API definition {type && <span className="entity-meta__type">{type}</span>}
      </h2>
      {'missing' in definition ? (
        <p className="empty">{definition.missing}</p>
      ) : (
        <ViewerBoundary text={definition.text}>
          <Suspense fallback={<p className="loading">Loading the {definition.type} viewer…</p>}>
            <Viewer definition={definition} />
          </Suspense>
        </ViewerBoundary>
      )}
    </section>
  );
}

function Viewer({ definition }: { definition: ApiDefinition }) {
  const { type, text } = definition;
  if (type === 'openapi' || type === 'swagger') return <OpenApiViewer text={text} />;
  if (type === 'asyncapi') return <AsyncApiViewer text={text} />;
  if (type === 'graphql') return <GraphqlViewer text={text} />;
  return <CodeViewer text={text} language={type === 'grpc' ? 'protobuf' : 'yaml'} />;
}

/** A viewer that throws (a definition it cannot read) leaves the text readable instead of a blank card. */
class ViewerBoundary extends Component<{ text: string; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <>
        <p className="problem" role="alert">
          The viewer could not show this definition ({this.state.error}); here it is as written.
        </p>
        <CodeBlock label="The definition as written">
          <code>{this.props.text}</code>
        </CodeBlock>
      </>
    );
  }
}

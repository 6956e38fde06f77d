// The entity as stored, written back as YAML (apiVersion, kind, metadata, spec first), with a button
// that copies it: what to paste into a catalog-info.yaml or a bug report.

import { useState } from 'react';
import { stringify } from 'yaml';
import { CodeBlock } from '../code-block.tsx';

const keyOrder = ['apiVersion', 'kind', 'metadata', 'spec'];

export function entityYaml(entity: Record<string, unknown>): string {
  const rank = (key: string) => (keyOrder.includes(key) ? keyOrder.indexOf(key) : keyOrder.length);
  const ordered = Object.fromEntries(
    Object.entries(entity).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)),
  );
  return stringify(ordered, { lineWidth: 0 });
}

export function EntityYaml({ entity }: { entity: Record<string, unknown> }) {
  const text = entityYaml(entity);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return (
    <section className="card card--flush" aria-labelledby="yaml-title">
      <div className="card__title card__title--split">
        <h2 id="yaml-title" className="card__heading">
          YAML
        </h2>
        <span>
          <span className="muted" aria-live="polite">
            {copied === 'copied' ? 'Copied. ' : copied === 'failed' ? 'The browser refused to copy. ' : ''}
          </span>
          <button type="button" className="button button--secondary" onClick={copy}>
            Copy YAML
          </button>
        </span>
      </div>
      <CodeBlock label="The entity as YAML" data-testid="entity-yaml">
        <code>{text}</code>
      </CodeBlock>
    </section>
  );
}

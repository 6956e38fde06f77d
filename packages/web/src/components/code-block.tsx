// Code as written (YAML, a definition): a labelled region that scrolls on its own and that a keyboard
// can reach when it does.
import { type ReactNode, useRef } from 'react';
import { useScrolls } from './use-scrolls.ts';

export function CodeBlock({
  label,
  children,
  ...data
}: { label: string; children: ReactNode } & DataAttributes) {
  const frame = useRef<HTMLElement>(null);
  const scrolls = useScrolls(frame);
  return (
    <section
      ref={frame}
      className="code-block"
      aria-label={label}
      tabIndex={scrolls ? 0 : undefined}
      {...data}
    >
      <pre>{children}</pre>
    </section>
  );
}

type DataAttributes = { [name: `data-${string}`]: string | undefined };

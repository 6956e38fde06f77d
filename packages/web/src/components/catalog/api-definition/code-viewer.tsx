// A definition as highlighted text: Protocol Buffers for gRPC, GraphQL SDL, or YAML / JSON for types
// without a viewer of their own. highlight.js escapes the text it marks up.

import hljs from 'highlight.js/lib/core';
import graphql from 'highlight.js/lib/languages/graphql';
import json from 'highlight.js/lib/languages/json';
import protobuf from 'highlight.js/lib/languages/protobuf';
import yaml from 'highlight.js/lib/languages/yaml';
import { CodeBlock } from '../../code-block.tsx';
import 'highlight.js/styles/github.css';

hljs.registerLanguage('graphql', graphql);
hljs.registerLanguage('json', json);
hljs.registerLanguage('protobuf', protobuf);
hljs.registerLanguage('yaml', yaml);

export function CodeViewer({ text, language }: { text: string; language: string }) {
  const known = hljs.getLanguage(language) ? language : 'yaml';
  const html = hljs.highlight(text, { language: known, ignoreIllegals: true }).value;
  return (
    <CodeBlock label={`The definition (${language})`} data-viewer={language}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escapes the text; it only adds spans */}
      <code className={`hljs language-${known}`} dangerouslySetInnerHTML={{ __html: html }} />
    </CodeBlock>
  );
}

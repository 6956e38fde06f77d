// AsyncAPI definitions in AsyncAPI's own React component (it parses and validates the document and
// shows its own errors when the document is not valid AsyncAPI). Its browser bundle, since the main
// entry's parser reaches for Node's modules (see asyncapi-browser.d.ts).
/// <reference path="./asyncapi-browser.d.ts" />
import AsyncApiComponent from '@asyncapi/react-component/browser/index.js';
import '@asyncapi/react-component/styles/default.min.css';

const config = { show: { sidebar: false, errors: true } };

export function AsyncApiViewer({ text }: { text: string }) {
  return (
    <div className="api-viewer api-viewer--asyncapi" data-viewer="asyncapi">
      <AsyncApiComponent schema={text} config={config} />
    </div>
  );
}

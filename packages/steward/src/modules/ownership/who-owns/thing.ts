// What `steward who-owns` can be asked about, read from one string: an entity ref or bare name, a
// repository path, a Kubernetes object, an alert's labels, or a URL. A bad string gets one line
// saying what was wrong and what the right syntax is.
import { parseEntityRef, refPartProblems, stringifyEntityRef } from '../../catalog/index.ts';
import { kubernetesLabelKey, type LabelSet, parseLabelSet, prometheusLabelName } from './label-set.ts';

export type Thing =
  | { kind: 'entity'; text: string; ref: string }
  | { kind: 'entity'; text: string; ref: null; name: string }
  | { kind: 'path'; text: string; path: string; repository?: string }
  | {
      kind: 'kubernetes';
      text: string;
      objectKind: string;
      namespace: string | null;
      name: string;
      labels: LabelSet;
    }
  | { kind: 'alert'; text: string; labels: LabelSet }
  | { kind: 'url'; text: string; host: string; path: string };

export type ThingResult = { ok: true; thing: Thing } | { ok: false; message: string };

export interface ThingOptions {
  /** Whether a bare word (no `/`, no prefix) names a file: the CLI says yes when it exists under --repo. */
  isPath?: (text: string) => boolean;
}

export const thingSyntax = {
  entity: 'component:default/checkout-api, component:checkout-api or checkout-api',
  path: 'path:services/checkout-api/main.go, or in one repository github.com/acme/shop:services/checkout-api/main.go',
  kubernetes:
    'k8s:Kind/namespace/name, optionally with labels: k8s:Deployment/shop/web{app.kubernetes.io/name=web}',
  alert: 'alert:{alertname="HighErrorRate",service="checkout-api"}',
  url: 'url:https://shop.acme.example/checkout',
} as const;

const anyThing = `write ${Object.values(thingSyntax).join('; ')}`;

export function parseThing(input: string, options: ThingOptions = {}): ThingResult {
  const text = input.trim();
  if (text === '') return fail(`an empty string is not a thing to look up: ${anyThing}`);
  const prefixed = /^(path|k8s|alert|url):(.*)$/s.exec(text);
  if (prefixed) {
    const [, prefix, rest] = prefixed as unknown as [string, string, string];
    if (prefix === 'path') return parsePath(input, rest);
    if (prefix === 'k8s') return parseKubernetes(input, rest);
    if (prefix === 'alert') return parseAlert(input, rest);
    return parseUrl(input, rest);
  }
  if (/^https?:\/\//i.test(text)) return parseUrl(input, text);
  if (inRepository.test(text)) return parsePath(input, text);
  if (/^[A-Za-z][A-Za-z0-9]*:/.test(text)) return parseRef(input, text);
  if (text.includes('/') || options.isPath?.(text)) return parsePath(input, text);
  if (/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(text) && text.length <= 63) {
    return { ok: true, thing: { kind: 'entity', text: input, ref: null, name: text } };
  }
  return fail(`"${text}" is not an entity name, a path or a prefixed thing: ${anyThing}`);
}

function parseRef(input: string, text: string): ThingResult {
  const parsed = parseEntityRef(text, { defaultNamespace: 'default' });
  if (!parsed.ok) return fail(`${parsed.message} (${thingSyntax.entity})`);
  // A ref Backstage reads but no entity can have (a catalog may still name it as an owner).
  const problems = refPartProblems(parsed.ref);
  if (problems.length > 0) {
    return fail(`"${text}" names no entity: ${problems.join('; ')} (${thingSyntax.entity})`);
  }
  return { ok: true, thing: { kind: 'entity', text: input, ref: stringifyEntityRef(parsed.ref) } };
}

/** `github.com/acme/shop:services/x/main.go`: a host with a dot, then owner/name, then `:` and the path. */
const inRepository = /^([A-Za-z0-9][\w-]*(?:\.[\w-]+)+(?:\/[\w.-]+)+):(.*)$/s;

function parsePath(input: string, text: string): ThingResult {
  const named = inRepository.exec(text.trim());
  const raw = named ? (named[2] as string) : text;
  const repository = named ? { repository: named[1] as string } : {};
  const segments = raw
    .trim()
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) return fail(`"${input}" names no file: write ${thingSyntax.path}`);
  if (segments.includes('..')) {
    return fail(
      `"${input}" leaves the repository with "..": write the path from the repository root, ${thingSyntax.path}`,
    );
  }
  return { ok: true, thing: { kind: 'path', text: input, path: segments.join('/'), ...repository } };
}

function parseKubernetes(input: string, rest: string): ThingResult {
  const expected = `write ${thingSyntax.kubernetes}`;
  const brace = rest.indexOf('{');
  const head = brace === -1 ? rest : rest.slice(0, brace);
  let labels: LabelSet = {};
  if (brace !== -1) {
    const parsed = parseLabelSet(rest.slice(brace), kubernetesLabelKey);
    if (!parsed.ok) return fail(`"${input}": ${parsed.message}; ${expected}`);
    labels = parsed.labels;
  }
  const parts = head.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    return fail(`"${input}" is not a Kubernetes object: ${expected} (Kind/name for a cluster-wide one)`);
  }
  const [objectKind, namespaceOrName, maybeName] = parts as [string, string, string | undefined];
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(objectKind)) {
    return fail(
      `"${objectKind}" is not a Kubernetes kind (letters and digits, e.g. Deployment); ${expected}`,
    );
  }
  const namespace = maybeName === undefined ? null : namespaceOrName;
  if (namespace !== null && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) {
    return fail(
      `"${namespace}" is not a Kubernetes namespace (lower-case letters, digits and -); ${expected}`,
    );
  }
  const name = maybeName ?? namespaceOrName;
  if (/[\s{}]/.test(name)) return fail(`"${name}" is not a Kubernetes object name; ${expected}`);
  return { ok: true, thing: { kind: 'kubernetes', text: input, objectKind, namespace, name, labels } };
}

function parseAlert(input: string, rest: string): ThingResult {
  const expected = `write ${thingSyntax.alert}`;
  const brace = rest.indexOf('{');
  if (brace === -1) return fail(`"${input}" has no labels: ${expected}`);
  const alertname = rest.slice(0, brace).trim();
  const parsed = parseLabelSet(rest.slice(brace).trim(), prometheusLabelName);
  if (!parsed.ok) return fail(`"${input}": ${parsed.message}; ${expected}`);
  const labels = parsed.labels;
  if (alertname !== '') {
    if (!prometheusLabelName.key.test(alertname))
      return fail(`"${alertname}" is not an alert name; ${expected}`);
    if (labels.alertname !== undefined && labels.alertname !== alertname) {
      return fail(`"${input}" names the alert twice (${alertname} and ${labels.alertname}); ${expected}`);
    }
    labels.alertname = alertname;
  }
  if (Object.keys(labels).length === 0) return fail(`"${input}" has no labels: ${expected}`);
  return { ok: true, thing: { kind: 'alert', text: input, labels } };
}

function parseUrl(input: string, raw: string): ThingResult {
  const expected = `write ${thingSyntax.url}`;
  const url = URL.parse(raw.trim());
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return fail(`"${raw.trim()}" is not an http:// or https:// URL; ${expected}`);
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return { ok: true, thing: { kind: 'url', text: input, host, path: url.pathname || '/' } };
}

function fail(message: string): ThingResult {
  return { ok: false, message };
}

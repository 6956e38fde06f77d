// The named string formats kind schemas may use (`format: url`), each with what a valid value looks like.
import { parseAlertMatcher } from './alert-matcher.ts';
import {
  isValidApiVersion,
  isValidDnsLabel,
  isValidEntityName,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
  isValidUrl,
  kindRule,
  labelKeyRule,
  nameRule,
  namespaceRule,
  tagRule,
} from './names.ts';

export interface StringFormat {
  check: (value: string) => boolean;
  /** Completes "must be …". */
  expectation: string;
  /** Why this value failed the check, when that says more than the expectation does. */
  reason?: (value: string) => string | undefined;
}

export const formats: Readonly<Record<string, StringFormat>> = {
  'api-version': {
    check: isValidApiVersion,
    expectation: 'a group/version such as backstage.io/v1alpha1 or steward.dev/v1',
  },
  kind: { check: isValidKind, expectation: kindRule },
  'entity-name': { check: isValidEntityName, expectation: nameRule },
  namespace: { check: isValidNamespace, expectation: namespaceRule },
  'label-key': { check: isValidLabelKey, expectation: labelKeyRule },
  'label-value': { check: isValidLabelValue, expectation: `empty, or ${nameRule}` },
  'annotation-key': { check: isValidLabelKey, expectation: labelKeyRule },
  tag: { check: isValidTag, expectation: tagRule },
  'non-blank': { check: (v) => v.trim().length > 0, expectation: 'a non-blank string' },
  url: { check: isValidUrl, expectation: 'a URL (e.g. https://wiki.acme.com/runbook)' },
  'http-url': {
    check: (v) => /^https?:\/\//.test(v) && isValidUrl(v),
    expectation: 'an http:// or https:// URL (e.g. https://grafana.acme.com/d/payments)',
  },
  'dns-label': { check: isValidDnsLabel, expectation: namespaceRule },
  hostname: {
    check: (v) =>
      /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v) && v.length <= 253,
    expectation: 'a lower-case host name, optionally starting with *. (e.g. pay.acme.com, *.acme.com)',
  },
  'path-prefix': {
    check: (v) => v.startsWith('/') && !/\s/.test(v),
    expectation: 'a URL path starting with / (e.g. /api/payments)',
  },
  'relative-path': {
    check: (v) => v !== '' && !v.startsWith('/') && !v.split('/').includes('..'),
    expectation: 'a path inside the repository, relative to its root, without .. (e.g. services/payments)',
  },
  'alert-matcher': {
    check: (v) => parseAlertMatcher(v).ok,
    expectation:
      'a matcher label=value, label!=value, label=~regex or label!~regex with an RE2 regex (e.g. service=payments)',
    reason: (v) => {
      const parsed = parseAlertMatcher(v);
      return parsed.ok ? undefined : parsed.message;
    },
  },
};

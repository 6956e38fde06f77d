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
import {
  durationReason,
  isIanaTimeZone,
  isIsoDuration,
  isLocalDateTime,
  isWallTime,
  isWallTimeEnd,
  localDateTimeReason,
  timeZoneReason,
  wallTimeReason,
} from './time-formats.ts';

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
  'iana-time-zone': {
    check: isIanaTimeZone,
    expectation: 'an IANA time zone name (e.g. Europe/Berlin, America/New_York, UTC)',
    reason: timeZoneReason,
  },
  'iso-duration': {
    check: isIsoDuration,
    expectation:
      'an ISO 8601 duration of weeks, days, hours or minutes, more than zero (e.g. PT12H, P1D, P1W, P2W, P1DT12H)',
    reason: durationReason,
  },
  'wall-time': {
    check: isWallTime,
    expectation: 'a wall-clock time HH:MM from 00:00 to 23:59 (e.g. 09:00)',
    reason: wallTimeReason,
  },
  'wall-time-end': {
    check: isWallTimeEnd,
    expectation: 'a wall-clock time HH:MM from 00:00 to 24:00 (e.g. 17:00; 24:00 is the end of the day)',
    reason: wallTimeReason,
  },
  'local-date-time': {
    check: isLocalDateTime,
    expectation:
      'a date and wall-clock time YYYY-MM-DDTHH:MM (seconds optional, e.g. 2026-01-05T09:00), in the zone of spec.timeZone',
    reason: localDateTimeReason,
  },
};

// Backstage's rules for the envelope's strings, exactly as @backstage/catalog-model checks them
// (KubernetesValidatorFunctions, CommonValidatorFunctions and makeValidator's tag rule).

/** Entity names: 1–63 characters, `[a-zA-Z0-9]` at both ends, `-_.` allowed between. */
export function isValidEntityName(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(value);
}

/** Namespaces are DNS labels: lower-case letters and digits, dashes between, at most 63. */
export function isValidNamespace(value: string): boolean {
  return isValidDnsLabel(value);
}

export function isValidDnsLabel(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && /^[a-z0-9]+(?:-+[a-z0-9]+)*$/.test(value);
}

/** Dot-separated DNS labels, at most 253 characters. */
export function isValidDnsSubdomain(value: string): boolean {
  return (
    value.length <= 253 &&
    /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*$/.test(value)
  );
}

export function isValidKind(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && /^[a-zA-Z][a-z0-9A-Z]*$/.test(value);
}

/** `group/version` or `version`: a DNS subdomain, then 1–63 letters and digits. */
export const isValidApiVersion = remembered((value: string) =>
  isValidPrefixAndOrSuffix(value, isValidDnsSubdomain, (version) => /^[a-z0-9A-Z]{1,63}$/.test(version)),
);

/** Label and annotation keys: an optional DNS-subdomain prefix and `/`, then a name. */
export const isValidLabelKey = remembered((value: string) =>
  isValidPrefixAndOrSuffix(value, isValidDnsSubdomain, isValidEntityName),
);

export function isValidLabelValue(value: string): boolean {
  return value === '' || isValidEntityName(value);
}

/** Tags: lower-case `[a-z0-9:+#]` runs joined by single dashes, at most 63 characters. */
export function isValidTag(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/.test(value);
}

export function isValidUrl(value: string): boolean {
  return URL.canParse(value);
}

function isValidPrefixAndOrSuffix(
  value: string,
  isValidPrefix: (prefix: string) => boolean,
  isValidSuffix: (suffix: string) => boolean,
): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return isValidSuffix(value);
  if (value.indexOf('/', slash + 1) !== -1) return false;
  return isValidPrefix(value.slice(0, slash)) && isValidSuffix(value.slice(slash + 1));
}

/**
 * The same few apiVersions, label and annotation keys recur in every file: their verdicts are kept
 * (up to a bound, so that a file of unique keys cannot grow the memory without end).
 */
function remembered(check: (value: string) => boolean): (value: string) => boolean {
  const verdicts = new Map<string, boolean>();
  return (value) => {
    let verdict = verdicts.get(value);
    if (verdict === undefined) {
      verdict = check(value);
      if (verdicts.size < 10_000) verdicts.set(value, verdict);
    }
    return verdict;
  };
}

export const nameRule = '1–63 characters: letters and digits, with - _ . between them (e.g. payments-api)';
export const namespaceRule = '1–63 lower-case letters and digits, with - between them (e.g. default)';
export const kindRule = 'a letter followed by letters and digits, at most 63 (e.g. Component)';
export const tagRule =
  '1–63 characters: runs of lower-case a-z 0-9 : + # joined by single - (e.g. java, tier-1)';
export const labelKeyRule =
  'a name (1–63 letters, digits, - _ .), optionally prefixed by a DNS name and / (e.g. acme.com/team)';

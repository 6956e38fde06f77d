// Checking and showing contact addresses. A webhook or Slack URL carries its secret in the path or
// query, so it is shown (and logged) only as scheme, host and a hint of its last characters.
import { invalid } from '../../platform/errors.ts';
import type { ContactMethodType } from './schemas.ts';

// Deliberately plain: one @, something on each side, a dot in the domain, no spaces.
const emailShape = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

/** Answers the address as stored, or throws `invalid` naming body.address and what would be right. */
export function checkAddress(type: ContactMethodType, address: string): string {
  const trimmed = address.trim();
  if (type === 'email') {
    if (emailShape.test(trimmed)) return trimmed;
    throw invalid(`body.address must be an email address such as alice@example.com for type email`, [
      { field: 'body.address', message: 'must be an email address such as alice@example.com' },
    ]);
  }
  const problem = httpUrlProblem(trimmed);
  if (problem === null) return trimmed;
  const message = `must be an http:// or https:// URL with a host for type ${type}: ${problem}`;
  throw invalid(`body.address ${message}`, [{ field: 'body.address', message }]);
}

/** Why the text is not an http(s) URL Steward may POST to, or null when it is one. */
export function httpUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'it does not parse as a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `the scheme ${url.protocol} is not allowed`;
  if (!url.hostname) return 'it has no host';
  if (url.username || url.password)
    return 'credentials in the URL are not allowed; put them in its path or query';
  return null;
}

/** What may be shown and logged: the email address, or a URL's scheme and host with a hint. */
export function addressLabel(type: ContactMethodType, address: string): string {
  if (type === 'email') return address;
  try {
    const url = new URL(address);
    const rest = `${url.pathname}${url.search}`;
    const hint = rest.length > 8 ? rest.slice(-4) : '';
    return `${url.protocol}//${url.host}/…${hint}`;
  } catch {
    return '(not a URL)';
  }
}

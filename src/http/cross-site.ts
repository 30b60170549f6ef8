/**
 * Cross-site request forgery (issue #14): a browser attaches the session cookie to a form another
 * site posts here, so every unsafe request authenticated by that cookie must come from the Sales Hub's
 * own origin. Checked as OWASP's CSRF cheat sheet recommends without a token: `Sec-Fetch-Site`, which
 * every current browser sends and no page script can forge, must say `same-origin`; a browser too old
 * to send it must send `Origin`, equal to the public origin. A request with neither is refused: a
 * cookie-carrying client that is not a browser can send a bearer token instead.
 *
 * Requests with a bearer token need no check: a browser never adds an Authorization header on its own.
 */
import { DomainError } from '../domain/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refused(why: string): DomainError {
  return new DomainError('privilegeDenied', `Cross-site request refused: ${why}`);
}

/** Throws (403) unless an unsafe request comes from `publicOrigin` (`https://orders.example.com`). */
export function requireSameOrigin(
  method: string,
  headers: Readonly<Record<string, string | undefined>>,
  publicOrigin: string,
): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const site = headers['sec-fetch-site']?.trim().toLowerCase();
  if (site !== undefined) {
    if (site === 'same-origin') return;
    throw refused(`the request came from another site (Sec-Fetch-Site: ${site}).`);
  }
  const origin = headers.origin?.trim();
  if (origin === undefined) throw refused('a request signed in by cookie must send Origin or Sec-Fetch-Site.');
  if (origin !== publicOrigin) throw refused(`the origin ${origin} is not this server's.`);
}

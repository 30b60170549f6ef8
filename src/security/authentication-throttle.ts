/**
 * Failed authentication throttled per source (PRODUCT.md C6). A source (an IP address) that failed
 * `limit` times within the last `windowSeconds` is refused with 429 and `Retry-After` until its oldest
 * failure in the window ages out, before its token is looked at: a client guessing tokens costs the
 * store nothing. Successes neither count nor reset the count, so a client holding one valid token cannot
 * use it to keep guessing others. Counts live in this process: several processes each allow `limit`.
 */

import { steadyNow } from '../clock/steady-clock.js';
import { DomainError } from '../domain/errors.js';

export interface AuthenticationThrottleSettings {
  /** Failures allowed per source per window; 0 turns throttling off. */
  readonly limit: number;
  readonly windowSeconds: number;
  /** Sources remembered at most: when more fail at once, the least recently failing are forgotten. */
  readonly maxSources?: number;
  /** Milliseconds, for tests; `Date.now` by default. */
  readonly now?: () => number;
}

export interface AuthenticationThrottle {
  /**
   * Runs `authenticate` for a request from `source`, unless the source is throttled (then a 429 without
   * running it). A refusal of kind `unauthenticated` counts as a failure of the source.
   */
  guard<T>(source: string, authenticate: () => Promise<T>): Promise<T>;
}

const DEFAULT_MAX_SOURCES = 10_000;

/** Dataverse's service protection code for too many requests: the closest it has to this refusal. */
function throttled(retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError(
    'tooManyRequests',
    `Too many failed authentication attempts from this address. Retry after ${seconds} seconds.`,
    { headers: { 'retry-after': String(seconds) } },
  );
}

export function createAuthenticationThrottle(settings: AuthenticationThrottleSettings): AuthenticationThrottle {
  if (settings.limit <= 0) return { guard: (_source, authenticate) => authenticate() };
  const { limit } = settings;
  const windowMs = settings.windowSeconds * 1000;
  const maxSources = settings.maxSources ?? DEFAULT_MAX_SOURCES;
  const now = settings.now ?? steadyNow;
  /** Per source, the times of its recent failures, oldest first, at most `limit` of them. */
  const failures = new Map<string, number[]>();

  function recent(source: string, at: number): number[] {
    const times = failures.get(source);
    if (!times) return [];
    while (times.length > 0 && times[0]! <= at - windowMs) times.shift();
    if (times.length === 0) failures.delete(source);
    return times;
  }

  function recordFailure(source: string, at: number): void {
    const times = recent(source, at);
    times.push(at);
    if (times.length > limit) times.shift();
    // Re-inserted so the map's order is least recently failing first, the first to forget.
    failures.delete(source);
    failures.set(source, times);
    if (failures.size > maxSources) failures.delete(failures.keys().next().value!);
  }

  return {
    async guard(source, authenticate) {
      const at = now();
      const times = recent(source, at);
      if (times.length >= limit) throw throttled(times[0]! + windowMs - at);
      try {
        return await authenticate();
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'unauthenticated') recordFailure(source, now());
        throw error;
      }
    },
  };
}

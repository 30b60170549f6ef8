/**
 * Dataverse's three service protection limits and how it refuses a request over one of them
 * (reference 7.6): 429 Too Many Requests, `Retry-After` in seconds, and the Web API code and message
 * of the limit, word for word.
 */
import { DomainError } from '../../domain/errors.js';

export interface ServiceProtectionLimits {
  /** Requests per user per window; 0 turns the limit off. */
  readonly requests: number;
  /** Combined execution time per user per window, in milliseconds; 0 turns the limit off. */
  readonly executionMs: number;
  readonly windowSeconds: number;
  /** Requests of one user being served at once (by this process); 0 turns the limit off. */
  readonly concurrent: number;
}

/** Dataverse's defaults (reference 7.6). */
export const DATAVERSE_LIMITS: ServiceProtectionLimits = {
  requests: 6_000,
  executionMs: 1_200_000,
  windowSeconds: 300,
  concurrent: 52,
};

/** Which limit refused a request; also the `limit` label of `orderline_http_throttled_total`. */
export type LimitName = 'requests' | 'execution_time' | 'concurrent_requests';

const groupedNumber = new Intl.NumberFormat('en-US');

function messageOf(limit: LimitName, limits: ServiceProtectionLimits): string {
  switch (limit) {
    case 'requests':
      return `Number of requests exceeded the limit of ${limits.requests} over time window of ${limits.windowSeconds} seconds.`;
    case 'execution_time':
      return (
        `Combined execution time of incoming requests exceeded limit of ${groupedNumber.format(limits.executionMs)} ` +
        `milliseconds over time window of ${limits.windowSeconds} seconds.`
      );
    case 'concurrent_requests':
      return `Number of concurrent requests exceeded the limit of ${limits.concurrent}.`;
  }
}

/** The Web API's hexadecimal codes (the SDK's -2147015902, -2147015903 and -2147015898). */
const CODES: Readonly<Record<LimitName, string>> = {
  requests: '0x80072322',
  execution_time: '0x80072321',
  concurrent_requests: '0x80072326',
};

/** A whole number of seconds, at least 1: a client told to retry after 0 s would retry at once. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export function limitRefusal(limit: LimitName, limits: ServiceProtectionLimits, retryAfterMs: number): DomainError {
  return new DomainError('tooManyRequests', messageOf(limit, limits), {
    code: CODES[limit],
    headers: { 'retry-after': String(retryAfterSeconds(retryAfterMs)) },
  });
}

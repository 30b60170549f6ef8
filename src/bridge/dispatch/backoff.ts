/**
 * When to try again after a failed delivery: exponential backoff with jitter, capped, and never sooner
 * than the receiver's `Retry-After`. The schedule reaches its cap after about a dozen attempts and
 * keeps trying until the connector's retry period (24 hours by default) is over.
 */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly initialMs: number;
  /** Longest delay between two attempts. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60 * 60 * 1_000 };

/**
 * Delay before attempt `attempts + 1`, given `attempts` failures so far (1 after the first). Jitter
 * spreads a crowd of retries over the upper half of the step, so a receiver coming back up is not
 * hit by every event at the same instant. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  const jittered = Math.round(step / 2 + (step / 2) * random);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxMs * 24));
}

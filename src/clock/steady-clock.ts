/**
 * The time Orderline reads: epoch milliseconds that follow the system clock forwards but never step
 * backwards. When NTP (or an operator) steps the wall clock back, the steady clock keeps counting from
 * where it was at the pace of the monotonic clock, so within a running process:
 * - an outbox retry scheduled 30 s ahead happens 30 s later, not 30 s plus the size of the step;
 * - an access token or session that has expired stays expired;
 * - a `$deltatoken` issued a moment ago is not "issued in the future";
 * - a service-protection window slides on and never holds a user throttled for the size of the step.
 * A forward step is followed at once: the new time is the truth as far as anyone can tell. After a
 * backwards step the steady clock is ahead of the wall clock, and runs at 90% of the monotonic pace
 * until the wall clock has caught up (a 1-hour step is absorbed in 10 hours): every wait lasts at most
 * 11% longer meanwhile, and no reading ever goes back. A restart adopts the wall clock as it is.
 */

/** Whole epoch milliseconds, never less than the previous reading. */
export type SteadyClock = () => number;

/** The pace of the steady clock while it is ahead of the wall clock: slow enough to converge, fast enough for every wait. */
export const CATCH_UP_PACE = 0.9;

export function createSteadyClock(
  wall: () => number = Date.now,
  monotonic: () => number = () => performance.now(),
): SteadyClock {
  let last = wall();
  let lastMonotonic = monotonic();
  return () => {
    const monotonicNow = monotonic();
    const elapsed = Math.max(0, monotonicNow - lastMonotonic);
    lastMonotonic = monotonicNow;
    // In step with the wall clock this is the wall clock, which runs at the full pace; ahead of it
    // after a backwards step, the slower pace wins until the two meet.
    last = Math.max(wall(), last + elapsed * CATCH_UP_PACE);
    // Whole milliseconds, like Date.now: the readings are stored in integer columns.
    return Math.floor(last);
  };
}

/** The process's clock: every reading of "now" in Orderline goes through it. */
export const steadyNow: SteadyClock = createSteadyClock();

/** `YYYY-MM-DDTHH:mm:ssZ`, the form of Orderline's stored instants. */
export function instantText(milliseconds: number): string {
  return `${new Date(milliseconds).toISOString().slice(0, 19)}Z`;
}

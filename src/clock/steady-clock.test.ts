/**
 * Issue #18, clock jumps: the system clock steps backwards or forwards (NTP, an operator, a VM resumed)
 * while Orderline runs. Each promise below is checked with the real code that keeps it, reading time
 * through a steady clock driven by a controllable wall clock and monotonic clock; where it helps, the
 * same check against the raw wall clock shows what would have gone wrong.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelayMs } from '../bridge/dispatch/backoff.js';
import { DomainError } from '../domain/errors.js';
import { createServiceLimiter } from '../http/service-protection/service-limiter.js';
import { decodeDeltaToken, encodeDeltaToken, type TokenCheck } from '../webapi/change-tracking/change-token.js';
import { CATCH_UP_PACE, createSteadyClock, instantText } from './steady-clock.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

/** A wall clock an NTP daemon can step, and the monotonic clock beside it that only moves on. */
function machineClocks() {
  let wall = T0;
  let monotonic = 1_000;
  return {
    wall: () => wall,
    monotonic: () => monotonic,
    /** Real time passes: both move. */
    pass(ms: number) {
      wall += ms;
      monotonic += ms;
    },
    /** The wall clock is stepped; monotonic time does not move. */
    step(ms: number) {
      wall += ms;
    },
  };
}

describe('the steady clock under clock steps', () => {
  it('never returns a smaller reading after a backwards step, and converges back to the wall clock', () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    expect(now()).toBe(T0);
    machine.pass(5_000);
    expect(now()).toBe(T0 + 5_000);
    machine.step(-2 * HOUR);
    expect(now()).toBe(T0 + 5_000);
    // Ahead of the wall clock: it runs on at 90% of real time, so nothing waits for the two hours.
    machine.pass(10_000);
    expect(now()).toBe(T0 + 5_000 + 10_000 * CATCH_UP_PACE);
    // Two hours of difference are absorbed in twenty hours; from then on it is the wall clock again.
    machine.pass(20 * HOUR);
    expect(now()).toBe(machine.wall());
    machine.pass(1_000);
    expect(now()).toBe(machine.wall());
  });

  it('follows a forward step at once', () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    now();
    machine.step(HOUR);
    expect(now()).toBe(T0 + HOUR);
    machine.pass(10);
    expect(now()).toBe(T0 + HOUR + 10);
  });
});

describe('promises kept across clock steps', () => {
  it('an outbox retry scheduled 16 s ahead is due within 18 s, not hours later, after a 2 h backwards step', () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    // The dispatcher records a failed attempt: next attempt at now + delay (dispatcher.ts, record()).
    const delay = retryDelayMs(6, DEFAULT_BACKOFF, 0);
    expect(delay).toBe(16_000);
    const nextAttemptAt = now() + delay;
    const wallNextAttemptAt = machine.wall() + delay;
    const monotonicBefore = machine.monotonic();
    machine.step(-2 * HOUR);
    // At most 11% late while the steady clock catches the wall clock up.
    machine.pass(Math.ceil(delay / CATCH_UP_PACE));
    // Due: claim.ts selects deliveries with ol_nextattemptat <= now.
    expect(nextAttemptAt <= now()).toBe(true);
    // Read from the wall clock, the same delivery would wait two more hours.
    expect(machine.monotonic() - monotonicBefore).toBeLessThan(18_000);
    expect(wallNextAttemptAt - machine.wall()).toBeGreaterThan(2 * HOUR - 2_000);
  });

  it('an expired access token or session stays expired after a backwards step', () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    // Stored expiry one minute from now (access-tokens.ts and sessions.ts compare instants as text-parsed times).
    const expiresOn = instantText(now() + 60_000);
    machine.pass(61_000);
    const expired = (at: number) => Date.parse(expiresOn) <= Date.parse(instantText(at));
    expect(expired(now())).toBe(true);
    machine.step(-HOUR);
    expect(expired(now())).toBe(true);
    expect(expired(machine.wall()), 'the wall clock would bring the token back to life').toBe(false);
  });

  it('a $deltatoken issued just before a 10-minute backwards step is still accepted, not "issued in the future"', () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    const organizationId = '00000000-0000-4000-8000-000000000001';
    const token = encodeDeltaToken(
      { set: 'salesorders', kind: 'version', watermark: '1234', issuedAt: Math.floor(now() / 1000) },
      organizationId,
    );
    machine.step(-10 * 60_000);
    machine.pass(1_000);
    const check = (at: number): TokenCheck => ({
      set: 'salesorders',
      kind: 'version',
      isWatermark: (text) => /^\d+$/.test(text),
      organizationId,
      now: Math.floor(at / 1000),
      expiryDays: 7,
    });
    expect(decodeDeltaToken(token, check(now())).watermark).toBe('1234');
    expect(() => decodeDeltaToken(token, check(machine.wall()))).toThrow(/issued in the future/);
  });

  it('a throttled user is admitted again once the window has passed, whatever the wall clock did', async () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    const limiter = createServiceLimiter(
      { requests: 3, executionMs: 0, windowSeconds: 10, concurrent: 0 },
      { syncMs: 1_000, now, timer: false },
    );
    for (let index = 0; index < 3; index += 1) (await limiter.admit('user')).finish(1);
    await expect(Promise.resolve().then(() => limiter.admit('user'))).rejects.toBeInstanceOf(DomainError);
    machine.step(-HOUR);
    machine.pass(Math.ceil(11_000 / CATCH_UP_PACE));
    const admitted = await limiter.admit('user');
    expect(admitted.headers).toBeDefined();
    admitted.finish(1);
    await limiter.close();
  });

  it('a forward step only brings retries and expiries sooner, never later', () => {
    const machine = machineClocks();
    const now = createSteadyClock(machine.wall, machine.monotonic);
    const nextAttemptAt = now() + 30_000;
    machine.step(HOUR);
    expect(nextAttemptAt <= now()).toBe(true);
  });
});

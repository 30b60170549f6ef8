import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { createAuthenticationThrottle } from './authentication-throttle.js';

const refusedToken = () => Promise.reject(new DomainError('unauthenticated', 'The bearer token is unknown.'));
const accepted = () => Promise.resolve('user');

function throttleAt(limit: number, windowSeconds: number) {
  const clock = { ms: 1_000_000 };
  const throttle = createAuthenticationThrottle({ limit, windowSeconds, now: () => clock.ms });
  return { throttle, clock };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('the failed-authentication throttle', () => {
  it('lets a source fail `limit` times, then answers 429 with Retry-After without authenticating', async () => {
    const { throttle } = throttleAt(3, 60);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await refusal(throttle.guard('10.0.0.1', refusedToken))).status).toBe(401);
    }
    const authenticate = vi.fn(accepted);
    const refused = await refusal(throttle.guard('10.0.0.1', authenticate));
    expect(refused.status).toBe(429);
    expect(refused.code).toMatch(/^0x[0-9a-f]{8}$/);
    expect(refused.message).toMatch(/Too many failed authentication attempts.*Retry after 60 seconds/);
    expect(refused.headers['retry-after']).toBe('60');
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('throttles each source on its own', async () => {
    const { throttle } = throttleAt(2, 60);
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    expect((await refusal(throttle.guard('10.0.0.1', accepted))).status).toBe(429);
    expect(await throttle.guard('10.0.0.2', accepted)).toBe('user');
  });

  it('counts no success, and no success resets the count', async () => {
    const { throttle } = throttleAt(2, 60);
    for (let index = 0; index < 50; index += 1) expect(await throttle.guard('10.0.0.1', accepted)).toBe('user');
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    expect(await throttle.guard('10.0.0.1', accepted)).toBe('user');
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    expect((await refusal(throttle.guard('10.0.0.1', accepted))).status).toBe(429);
  });

  it('counts only refusals of authentication, not other errors', async () => {
    const { throttle } = throttleAt(1, 60);
    const forbidden = () => Promise.reject(new DomainError('privilegeDenied', 'no Delegate'));
    const broken = () => Promise.reject(new Error('database unavailable'));
    expect((await refusal(throttle.guard('10.0.0.1', forbidden))).status).toBe(403);
    await expect(throttle.guard('10.0.0.1', broken)).rejects.toThrow('database unavailable');
    expect(await throttle.guard('10.0.0.1', accepted)).toBe('user');
  });

  it('forgets failures older than the window, and says how long until the oldest one leaves it', async () => {
    const { throttle, clock } = throttleAt(2, 60);
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    clock.ms += 20_000;
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    clock.ms += 10_500;
    expect((await refusal(throttle.guard('10.0.0.1', accepted))).headers['retry-after']).toBe('30');
    clock.ms += 29_500;
    // The first failure has left the window: one more attempt is allowed, and counted.
    expect(await throttle.guard('10.0.0.1', accepted)).toBe('user');
    await refusal(throttle.guard('10.0.0.1', refusedToken));
    expect((await refusal(throttle.guard('10.0.0.1', accepted))).headers['retry-after']).toBe('20');
  });

  it('remembers at most maxSources sources, forgetting the least recently failing', async () => {
    const clock = { ms: 0 };
    const throttle = createAuthenticationThrottle({ limit: 1, windowSeconds: 60, maxSources: 2, now: () => clock.ms });
    for (const source of ['a', 'b', 'c']) await refusal(throttle.guard(source, refusedToken));
    expect(await throttle.guard('a', accepted)).toBe('user');
    expect((await refusal(throttle.guard('b', accepted))).status).toBe(429);
    expect((await refusal(throttle.guard('c', accepted))).status).toBe(429);
  });

  it('is off with a limit of 0', async () => {
    const { throttle } = throttleAt(0, 60);
    for (let index = 0; index < 100; index += 1) {
      expect((await refusal(throttle.guard('10.0.0.1', refusedToken))).status).toBe(401);
    }
  });
});

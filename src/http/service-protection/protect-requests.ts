/**
 * Service protection in Fastify's request lifecycle. A request is judged in `preParsing`: after the
 * route's `onRequest` has authenticated it (so a 401 never counts against anyone) and before its body is
 * read (so a refused client never makes the server buffer one). Its execution time runs from
 * `preHandler` (the body received) until the response is over; it stays in flight, for the concurrency
 * limit, from admission until then.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Admission, ServiceLimiter } from './service-limiter.js';

interface Served {
  readonly admission: Admission;
  /** `performance.now()` when the handler started; unset while the body is still arriving. */
  executingSince: number | undefined;
}

/**
 * Limits every request for which `userOf` names a user, and only those: the Web API routes set it once
 * authenticated; `/health`, `/ready`, `/metrics` and the web UI never do.
 */
export function protectRequests(
  app: FastifyInstance,
  limiter: ServiceLimiter,
  userOf: (request: FastifyRequest) => string | undefined,
): void {
  const served = new WeakMap<FastifyRequest, Served>();
  app.addHook('preParsing', async (request, reply, payload) => {
    const userId = userOf(request);
    if (userId === undefined) return payload;
    const admission = await limiter.admit(userId);
    reply.headers(admission.headers);
    const state: Served = { admission, executingSince: undefined };
    served.set(request, state);
    // 'close' comes once whether the response was sent or the client went away.
    reply.raw.once('close', () =>
      admission.finish(state.executingSince === undefined ? 0 : performance.now() - state.executingSince),
    );
    return payload;
  });
  app.addHook('preHandler', async (request) => {
    const state = served.get(request);
    if (state) state.executingSince = performance.now();
  });
}

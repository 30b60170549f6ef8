/**
 * The abort signal of the Web API request a statement runs for, carried to the store without passing it
 * through every read: the request runs inside `whileClientWaits`, and PostgreSQL's pool asks
 * `clientAbortSignal()` when it sends a statement, so a client that leaves cancels its query instead
 * of leaving it to run (and hold a pooled connection) for minutes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const requestSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the signal of every statement it sends; without a signal, as it is. */
export function whileClientWaits<T>(signal: AbortSignal | undefined, work: () => T): T {
  return signal ? requestSignal.run(signal, work) : work();
}

/** The signal of the request the current statement runs for, if any. */
export function clientAbortSignal(): AbortSignal | undefined {
  return requestSignal.getStore();
}

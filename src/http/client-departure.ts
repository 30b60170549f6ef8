/**
 * A request's abort signal: aborted when its client closes the connection before the answer is
 * written, so the statements it started are cancelled rather than left to run for nobody.
 */
import type { ServerResponse } from 'node:http';

export function abortWhenClientLeaves(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  // 'close' also follows every answer written in full; only an unfinished one means the client left.
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

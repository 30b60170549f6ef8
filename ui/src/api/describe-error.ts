/**
 * Turns a failed call into a sentence a salesperson can act on. The server's own message (Dataverse's
 * `{"error":{"code","message"}}`) is always kept: it names the record and the rule that refused.
 */

interface FailedCall {
  readonly status?: number;
  readonly message?: string;
  readonly code?: string;
}

function asFailedCall(error: unknown): FailedCall {
  if (typeof error === 'object' && error !== null) return error as FailedCall;
  return { message: String(error) };
}

const LEAD_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'The server refused this change',
  401: 'Your sign-in is no longer accepted (the token may be mistyped, expired or revoked); sign in again',
  403: 'You do not have permission to do this',
  404: 'This record or page was not found; it may have been deleted',
  409: 'This conflicts with another record',
  412: 'Someone changed this record since you opened it; reload it and try again',
  413: 'This is too large for the server to accept',
  429: 'The server is receiving too many requests from you; wait a moment and try again',
};

export function describeError(error: unknown): string {
  const failed = asFailedCall(error);
  const serverMessage = failed.message?.trim() ?? '';
  if (failed.status === undefined || failed.status === 0) {
    // No HTTP answer at all: the network, or the server is down.
    if (/fetch|network|xhr|connect/i.test(serverMessage) || serverMessage === '') {
      return 'The Orderline server could not be reached. Check that it is running and try again.';
    }
    return serverMessage;
  }
  const lead =
    LEAD_BY_STATUS[failed.status] ??
    (failed.status >= 500
      ? 'The server failed while doing this; try again, and tell your administrator if it persists'
      : 'The request failed');
  return serverMessage ? `${lead}: ${serverMessage}` : `${lead}.`;
}

export function isUnauthorized(error: unknown): boolean {
  return asFailedCall(error).status === 401;
}

/** A column or entity set the server does not have (yet): 404 for a set, 400 for an unknown property. */
export function isMissingFeature(error: unknown): boolean {
  const status = asFailedCall(error).status;
  return status === 404 || status === 400;
}

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

/** What a missing privilege stops, in a salesperson's words (the privilege names of role-privileges.ts). */
const PRIVILEGE_VERBS: Readonly<Record<string, string>> = {
  create: 'create',
  read: 'open',
  write: 'change',
  delete: 'delete',
  append: 'attach records to',
  appendto: 'attach records to',
  assign: 'reassign',
  share: 'share',
};

const TABLE_NAMES: Readonly<Record<string, string>> = {
  salesorder: 'orders',
  salesorderdetail: 'order products',
  quote: 'quotes',
  quotedetail: 'quote products',
  opportunity: 'opportunities',
  opportunityproduct: 'opportunity products',
  invoice: 'invoices',
  invoicedetail: 'invoice products',
  account: 'accounts',
  contact: 'contacts',
  product: 'products',
  pricelevel: 'price lists',
  productpricelevel: 'price list items',
  orderclose: 'order close activities',
  quoteclose: 'quote close activities',
  opportunityclose: 'opportunity close activities',
  organization: 'the organization settings',
  systemuser: 'users',
  role: 'security roles',
  ol_connector: 'back-office connectors',
  ol_delivery: 'back-office deliveries',
};

/**
 * Dataverse's privilege error ("Principal user (Id=…, type=8, roleCount=1) is missing the write
 * privilege on salesorder", 0x80040220) as a sentence with what to do; the server's words follow it.
 */
function describePrivilegeError(serverMessage: string): string | undefined {
  const match = /missing the (\w+) privilege on (\w+)/i.exec(serverMessage);
  if (!match) return undefined;
  const verb = PRIVILEGE_VERBS[match[1]!.toLowerCase()] ?? match[1]!.toLowerCase();
  const table = TABLE_NAMES[match[2]!.toLowerCase()] ?? match[2]!;
  return `${LEAD_BY_STATUS[403]}: your security role does not let you ${verb} ${table}, or not this one (a salesperson may change only the records they own). Ask the record's owner or your administrator (a role such as Sales Manager can). Details: ${serverMessage}`;
}

export function describeError(error: unknown): string {
  const failed = asFailedCall(error);
  const serverMessage = failed.message?.trim() ?? '';
  if (failed.status === 403) {
    const plain = describePrivilegeError(serverMessage);
    if (plain) return plain;
  }
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

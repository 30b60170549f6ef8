/**
 * `ol_RetrieveAllowedMessages` (issue #14): which messages the caller may run on one sales record now
 * (an opportunity, a quote, an order, an invoice, a product, or the organization's settings), so a
 * client offers only those. It asks the very
 * checks the messages and the write pipeline run, in the order they run them (allowed-messages/
 * message-checks.ts), for the messages each form offers (allowed-messages/message-catalogues.ts). Each
 * refused message carries the first reason, the sentence the server would answer with.
 */
import { invalidArgument, recordDoesNotExist } from '../../domain/errors.js';
import { INTEGRATION_SWITCH_COLUMN } from '../../sales/integration-switch.js';
import { requireAccess } from '../../security/authorization.js';
import { MESSAGE_CATALOGUES } from './allowed-messages/message-catalogues.js';
import type { CheckContext } from './allowed-messages/message-checks.js';
import type { Query } from './message.js';

export interface AllowedMessagesInput {
  readonly entityName: string;
  readonly entityId: string;
}

export interface MessageVerdict {
  readonly name: string;
  readonly allowed: boolean;
  /** Why not, as the server would refuse it; null when allowed. */
  readonly reason: string | null;
}

export const ALLOWED_MESSAGE_TABLES = Object.keys(MESSAGE_CATALOGUES);

export const retrieveAllowedMessages: Query<AllowedMessagesInput, MessageVerdict[]> = async (context, input) => {
  const { services, trx, caller } = context;
  const rules = MESSAGE_CATALOGUES[input.entityName];
  if (!rules) {
    throw invalidArgument(
      `ol_RetrieveAllowedMessages answers for ${ALLOWED_MESSAGE_TABLES.join(', ')}; '${input.entityName}' is not one of them.`,
    );
  }
  const table = services.metadata.table(input.entityName)!;
  const record = await services.records.find(trx, table, input.entityId);
  if (!record) throw recordDoesNotExist(table.logicalName, input.entityId);
  // A record the caller may not read is answered as every read of it is.
  requireAccess(caller, table, 'read', record);
  const organization = await services.referenceData.organization(trx);
  const checkContext: CheckContext = {
    query: context,
    table,
    record,
    facts: {
      integrationEnabled: organization[INTEGRATION_SWITCH_COLUMN] === true,
      integrationUser: caller.user.isIntegrationUser,
    },
    tableNamed: (logicalName) => services.metadata.table(logicalName)!,
  };
  return rules.map((rule) => {
    for (const check of rule.checks) {
      const reason = check(checkContext);
      if (reason !== undefined) return { name: rule.name, allowed: false, reason };
    }
    return { name: rule.name, allowed: true, reason: null };
  });
};

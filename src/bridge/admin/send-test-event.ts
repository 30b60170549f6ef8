/**
 * `ol_SendTestEvent` (issue #14): a System Administrator sends a connector a signed test event, to see
 * its receiver accept what Orderline really sends before any order depends on it. Whoever may change the
 * connector may test it (the write privilege on ol_connector); an inactive connector is refused, since
 * the event would wait for it like any other.
 */
import { DomainError, recordDoesNotExist } from '../../domain/errors.js';
import { ConnectorState } from '../../domain/metadata/named-states.js';
import type { Message } from '../../pipeline/messages/message.js';
import { requireAccess } from '../../security/authorization.js';
import { type WrittenTestEvent, writeTestEvent } from '../events/test-event.js';

export interface SendTestEventInput {
  readonly connectorId: string;
}

export const sendTestEvent: Message<SendTestEventInput, WrittenTestEvent> = async (context, input) => {
  const table = context.services.metadata.table('ol_connector')!;
  const connector = await context.services.records.find(context.trx, table, input.connectorId);
  if (!connector) throw recordDoesNotExist(table.logicalName, input.connectorId);
  requireAccess(context.caller, table, 'write', connector);
  const name = String(connector.ol_name);
  if (connector.statecode !== ConnectorState.Active) {
    throw new DomainError(
      'invalidState',
      `The connector ${name} is inactive, so a test event would wait for it: activate it first.`,
    );
  }
  return writeTestEvent(context, { id: input.connectorId, name });
};

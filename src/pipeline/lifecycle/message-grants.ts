/**
 * How a message tells the lifecycle step that the state change it is about to write is the message's
 * own (a WinQuote moving an Active quote to Won), not a client's SetState PATCH. The grant lives as long
 * as the unit of work (in its slot) and is used up by the next update of that row.
 */
import type { MessageName } from '../../sales/state-machine.js';
import type { ExecutionContext } from '../execution-context.js';
import { defineSlot } from '../unit-of-work-slots.js';

/** Granted messages by `table:id`. */
const grants = defineSlot('transitions granted by a message', () => new Map<string, MessageName>());

const keyOf = (table: string, id: string) => `${table}:${id}`;

export function grantTransition(context: ExecutionContext, table: string, id: string, message: MessageName): void {
  context.unitOfWork.slot(grants).set(keyOf(table, id), message);
}

/** The message that granted the next update of this row, if any; the grant is used up. */
export function takeGrant(context: ExecutionContext, table: string, id: string): MessageName | undefined {
  const granted = context.unitOfWork.slot(grants);
  const key = keyOf(table, id);
  const message = granted.get(key);
  granted.delete(key);
  return message;
}

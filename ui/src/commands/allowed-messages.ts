/**
 * Which messages the signed-in user may run on the record on screen, as the server answers it
 * (`ol_RetrieveAllowedMessages`, docs/web-api.md): the command bar shows only those, so the rules of
 * privileges, states and the submitted-order lock live in the server alone.
 */
import type { Client } from '../api/client';
import type { RecordContext } from '../entities/entity-definition';

/**
 * The tables the server answers for: the four sales records, and products for Publish. Accounts and price
 * lists have no commands; their forms, and the product form's Save, keep their simple rules on the form.
 */
export const TABLES_WITH_ALLOWED_MESSAGES: ReadonlySet<string> = new Set([
  'opportunity',
  'quote',
  'salesorder',
  'invoice',
  'product',
]);

interface Verdict {
  readonly MessageName: string;
  readonly IsAllowed: boolean;
  readonly Reason: string | null;
}

export interface AllowedMessages {
  has(message: string): boolean;
  /** Why a message is not allowed, in the server's words. */
  reason(message: string): string | undefined;
}

export async function loadAllowedMessages(client: Client, logicalName: string, id: string): Promise<AllowedMessages> {
  const answer = await client.callFunction<{ value: Verdict[] }>({
    name: 'ol_RetrieveAllowedMessages',
    parameters: { EntityName: logicalName, EntityId: id },
  });
  const verdicts = new Map(answer.value.map((verdict) => [verdict.MessageName, verdict]));
  return {
    has: (message) => verdicts.get(message)?.IsAllowed === true,
    reason: (message) => verdicts.get(message)?.Reason ?? undefined,
  };
}

/** A command's `visible`: the server allows `message` on the record on screen. */
export const allows =
  (message: string) =>
  ({ allowedMessages }: RecordContext): boolean =>
    allowedMessages?.has(message) === true;

/** An `editable` rule: the record takes changes exactly when the server allows an Update of it. */
export const serverAllowsUpdate = allows('Update');

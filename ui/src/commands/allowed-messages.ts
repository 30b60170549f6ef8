/**
 * Which messages the signed-in user may run on the record on screen, as the server answers it
 * (`ol_RetrieveAllowedMessages`, docs/web-api.md): the command bar shows only those, so the rules of
 * privileges, states and the submitted-order lock live in the server alone.
 */
import type { Client } from '../api/client';

/** The tables the server answers for; other forms keep their own command rules until it does. */
export const TABLES_WITH_ALLOWED_MESSAGES: ReadonlySet<string> = new Set(['salesorder']);

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

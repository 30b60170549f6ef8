/**
 * An event as Orderline sends it (the webhook body in Orderline's format, and the AMQP message body):
 * `{id, type, timestamp, sequence, orderId, origin: {userId, integrationUser, backOfficeRevision}, data}`.
 * Numbers stay exact (`LosslessNumber`) inside `data`.
 */
import { parseExactJson } from './exact-json.js';

export type JsonRecord = Readonly<Record<string, unknown>>;

export interface OrderlineEvent {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly sequence: string;
  readonly orderId: string;
  readonly origin: {
    readonly userId: string;
    readonly integrationUser: boolean;
    readonly backOfficeRevision: string | null;
  };
  readonly data: JsonRecord;
}

export class InvalidEventError extends Error {}

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function requiredText(body: JsonRecord, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new InvalidEventError(`the event has no ${name}`);
  return value;
}

/** Reads an event body; throws InvalidEventError when it is not an Orderline event. */
export function parseOrderlineEvent(body: string): OrderlineEvent {
  let parsed: unknown;
  try {
    parsed = parseExactJson(body);
  } catch (error) {
    throw new InvalidEventError(`the body is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new InvalidEventError('the body is not a JSON object');
  const origin = parsed.origin;
  if (!isRecord(origin) || typeof origin.userId !== 'string' || typeof origin.integrationUser !== 'boolean') {
    throw new InvalidEventError('the event has no origin {userId, integrationUser}');
  }
  const data = parsed.data;
  if (!isRecord(data)) throw new InvalidEventError('the event has no data object');
  return {
    id: requiredText(parsed, 'id'),
    type: requiredText(parsed, 'type'),
    timestamp: typeof parsed.timestamp === 'string' ? parsed.timestamp : '',
    sequence: String(parsed.sequence ?? ''),
    orderId: requiredText(parsed, 'orderId'),
    origin: {
      userId: origin.userId,
      integrationUser: origin.integrationUser,
      backOfficeRevision: typeof origin.backOfficeRevision === 'string' ? origin.backOfficeRevision : null,
    },
    data,
  };
}

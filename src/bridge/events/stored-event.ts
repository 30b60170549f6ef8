/** Reads an event back from its stored document, numbers kept exact (JsonNumber -> RawJson). */
import { JsonNumber, type JsonValue, RawJson } from '../../odata/json/json-number.js';
import { readJson } from '../../odata/json/json-reader.js';
import type { Writable } from '../../odata/json/json-writer.js';
import type { EventEnvelope } from './event-types.js';

function writable(value: JsonValue): Writable {
  if (value instanceof JsonNumber) return new RawJson(value.text);
  if (Array.isArray(value)) return value.map(writable);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, Writable> = {};
    for (const [key, item] of Object.entries(value as Record<string, JsonValue>)) result[key] = writable(item);
    return result;
  }
  return value as Writable;
}

export function parseStoredEvent(document: string): EventEnvelope {
  return writable(readJson(document)) as unknown as EventEnvelope;
}

/**
 * A JSON number kept as the text the client wrote, so `922337203685477.1234` reaches the decimal code
 * exactly. Request bodies are parsed into these instead of JavaScript numbers.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** Text written into a JSON document as it is: exact decimals in responses. */
export class RawJson {
  constructor(readonly text: string) {}
}

export type JsonValue =
  | null
  | boolean
  | string
  | JsonNumber
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export function isJsonObject(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

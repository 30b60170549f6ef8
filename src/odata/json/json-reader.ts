/**
 * Reads request bodies without binary floats: every number stays a `JsonNumber` holding its text.
 * Any malformed body is a 400, never an exception that escapes.
 */
import { parse } from 'lossless-json';
import { invalidArgument } from '../../domain/errors.js';
import { JsonNumber, type JsonValue } from './json-number.js';

/** Deeper bodies are refused before parsing; no Dataverse payload nests anywhere near this. */
const MAX_DEPTH = 64;

function exceedsDepth(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92)
        index += 1; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) {
      depth += 1;
      if (depth > MAX_DEPTH) return true;
    } else if (char === 125 || char === 93) depth -= 1;
  }
  return false;
}

export function readJson(text: string): JsonValue {
  if (exceedsDepth(text)) throw invalidArgument(`The JSON body nests deeper than ${MAX_DEPTH} levels.`);
  try {
    return parse(text, null, (digits: string) => new JsonNumber(digits)) as JsonValue;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'malformed JSON';
    throw invalidArgument(`The request body is not valid JSON: ${detail}`);
  }
}

/**
 * Calls an action (POST, body = parameters) or a function (GET, parameters in the URL:
 * `Fn(A=@a)?@a=...` or `Fn(A='x')`). Actions run in a unit of work; functions only read, on the read
 * executor (never in a write transaction of their own); bound operations get their row.
 */

import { DomainError, invalidArgument, resourceNotFound } from '../../domain/errors.js';
import { isJsonObject, JsonNumber, type JsonValue } from '../../odata/json/json-number.js';
import { type Writable, writeJson } from '../../odata/json/json-writer.js';
import { emptyResponse, jsonResponse, type ODataResponse } from '../odata-request.js';
import { requireRow } from '../read-handlers.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope, tableOf } from '../request-scope.js';
import type { OperationPath } from '../resource-paths.js';

/** Splits `A='x,y',B=['a','b']` at the commas outside quotes and brackets. */
function splitParameters(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '[') depth += 1;
    else if (!quoted && char === ']') depth -= 1;
    else if (!quoted && depth === 0 && char === ',') {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** One parameter value: `'text'`, a number, true/false/null, or a collection `['a','b']` of those. */
function parameterValue(value: string): JsonValue {
  if (/^'.*'$/s.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(value)) return new JsonNumber(value);
  if (value === 'true' || value === 'false') return value === 'true';
  if (value === 'null') return null;
  if (value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1).trim();
    if (inner === '') return [];
    // Dataverse's examples write collections either way: ['account'] and ["account"].
    return splitParameters(inner.replace(/"([^"]*)"/g, (_match, text: string) => `'${text.replace(/'/g, "''")}'`)).map(
      (item) => parameterValue(item.trim()),
    );
  }
  return value;
}

/** Function parameters: `A='text'`, `A=5`, `A=['x','y']`, `A=@alias` with `@alias` in the query. */
function functionParameters(text: string | undefined, query: ReadonlyMap<string, string>): Record<string, JsonValue> {
  const parameters: Record<string, JsonValue> = {};
  if (!text || text.trim() === '') return parameters;
  for (const part of splitParameters(text)) {
    const equals = part.indexOf('=');
    if (equals < 0) throw invalidArgument(`Function parameter '${part}' must be Name=value.`);
    const name = part.slice(0, equals).trim();
    let value = part.slice(equals + 1).trim();
    if (value.startsWith('@')) {
      const aliased = query.get(value);
      if (aliased === undefined)
        throw invalidArgument(`The parameter alias ${value} has no value in the query string.`);
      value = aliased.trim();
    }
    parameters[name] = parameterValue(value);
  }
  return parameters;
}

/** The resource handler of `operation` and `boundOperation` paths: one action or function call. */
export async function invokeOperation(scope: RequestScope, path: OperationPath): Promise<ODataResponse> {
  const { services, request, method } = scope;
  const boundTable = path.kind === 'boundOperation' ? tableOf(scope, path.set) : undefined;
  const operation = services.operations.find(path.name, boundTable?.logicalName);
  if (!operation) {
    throw resourceNotFound(
      path.name,
      boundTable ? ` No function or action of that name is bound to ${boundTable.logicalName}.` : '',
    );
  }
  const expected = operation.kind === 'action' ? 'POST' : 'GET';
  if (method !== expected) {
    throw new DomainError(
      'methodNotAllowed',
      `${operation.name} is ${operation.kind === 'action' ? 'an action: POST' : 'a function: GET'} it.`,
    );
  }
  let parameters: Record<string, JsonValue>;
  if (operation.kind === 'action') {
    const body = readRequestBody(request);
    if (!isJsonObject(body))
      throw invalidArgument(`The body of ${operation.name} must be a JSON object of its parameters.`);
    parameters = { ...body };
  } else {
    parameters = functionParameters(path.kind === 'operation' ? path.parameters : undefined, request.query);
  }
  for (const parameter of operation.parameters) {
    if (!parameter.optional && (parameters[parameter.name] === undefined || parameters[parameter.name] === null)) {
      throw invalidArgument(`The parameter '${parameter.name}' of ${operation.name} is required.`);
    }
  }
  const known = new Set(operation.parameters.map((parameter) => parameter.name));
  for (const name of Object.keys(parameters)) {
    if (!known.has(name) && !name.startsWith('@'))
      throw invalidArgument(`${operation.name} has no parameter named '${name}'.`);
  }
  // Every bound operation here is bound to one row: on the collection it has no row to act on.
  if (boundTable && path.kind === 'boundOperation' && !path.key) {
    throw resourceNotFound(
      path.name,
      ` On the collection ${path.set} it has no row to act on: it is bound to one ${boundTable.logicalName}, as in ${path.set}(<id>)/Microsoft.Dynamics.CRM.${operation.name}.`,
    );
  }
  const target =
    boundTable && path.kind === 'boundOperation' && path.key
      ? { table: boundTable, row: await requireRow(scope, boundTable, path.key) }
      : undefined;
  const invocation = { parameters, serviceRoot: request.serviceRoot, ...(target ? { target } : {}) };
  let result: Writable | undefined;
  if (operation.kind === 'action') {
    result = await inWriteUnit(scope, (context) => operation.execute({ ...invocation, context }));
  } else {
    // The store's shared connection, or the change set's transaction inside `$batch`: never a write lock of its own.
    const context = { services, trx: scope.executor, caller: scope.caller };
    result = await operation.execute({ ...invocation, context });
  }
  return result === undefined ? emptyResponse(204) : jsonResponse(200, writeJson(result));
}

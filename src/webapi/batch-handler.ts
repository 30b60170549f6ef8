/**
 * `$batch` (reference 7.4): operations run in order through the same handler as plain requests; a
 * change set runs in one unit of work, so it commits whole or not at all, and its parts may refer to
 * rows created earlier in it as `$<Content-ID>`. Without `odata.continue-on-error` the batch stops at
 * the first failure, as Dataverse does.
 */
import { type BatchOperation, readBatch } from '../odata/batch/batch-reader.js';
import {
  type BatchOperationResponse,
  type BatchResponseItem,
  writeBatchResponse,
} from '../odata/batch/batch-writer.js';
import type { ExecutionContext } from '../pipeline/execution-context.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import { errorResponse } from './error-response.js';
import { type ODataRequest, type ODataResponse, splitTarget } from './odata-request.js';
import type { RequestScope } from './request-scope.js';

/** A change set part failed: carries its response out of the transaction so it rolls back. */
class ChangeSetFailure extends Error {
  constructor(
    readonly response: ODataResponse,
    readonly contentId: string | undefined,
  ) {
    super('change set failed');
  }
}

const SERVICE_PATH = /^(?:[a-z]+:\/\/[^/]+)?\/?(?:api\/data\/v9\.[0-2]\/)?/i;

/**
 * `$n` names the row created by the change-set part whose Content-ID is n. dynamics-web-api numbers
 * its parts from 100001 yet writes `$1` for the first one, so an n that is no Content-ID is read as
 * the n-th part of the change set.
 */
function referenceOf(id: string, references: References): string | undefined {
  return references.byContentId.get(id) ?? references.byPosition[Number(id) - 1];
}

interface References {
  readonly byContentId: Map<string, string>;
  readonly byPosition: (string | undefined)[];
}

function resolveReferences(text: string, references: References): string {
  return text.replace(/^\$(\d+)/, (whole, id: string) => referenceOf(id, references) ?? whole);
}

function subRequest(operation: BatchOperation, outer: ODataRequest, references: References): ODataRequest {
  const url = resolveReferences(operation.url, references);
  const relative = url.startsWith(outer.serviceRoot)
    ? url.slice(outer.serviceRoot.length)
    : url.replace(SERVICE_PATH, '');
  const { path, query } = splitTarget(relative);
  // `$n` may stand in a lookup bind or in the `@odata.id` of a `$ref` body (associate in a change set).
  const body = operation.body.replace(
    /("[^"]*@odata\.(?:bind|id)"\s*:\s*")\$(\d+)(")/g,
    (whole, start: string, id: string, end: string) => {
      const url = referenceOf(id, references);
      return url ? `${start}${url}${end}` : whole;
    },
  );
  return {
    method: operation.method,
    path,
    query,
    headers: { ...operation.headers },
    body,
    serviceRoot: outer.serviceRoot,
  };
}

function toPart(response: ODataResponse, contentId?: string): BatchOperationResponse {
  return {
    status: response.status,
    headers: response.headers,
    ...(response.body !== undefined ? { body: response.body } : {}),
    ...(contentId ? { contentId } : {}),
  };
}

/** One part, as the batch's caller, through the same Web API as a request of its own; a refusal is its response. */
async function run(batch: RequestScope, part: ODataRequest, unitOfWork?: ExecutionContext) {
  try {
    return await batch.wiring.api.handle(part, batch.caller, unitOfWork);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function handleBatch(scope: RequestScope): Promise<ODataResponse> {
  const { request, caller } = scope;
  const contentType = request.headers['content-type'] ?? '';
  const batch = readBatch(contentType, request.body);
  const { continueOnError } = scope.preferences;
  const items: BatchResponseItem[] = [];
  for (const item of batch.items) {
    if (item.kind === 'operation') {
      const response = await run(
        scope,
        subRequest(item.operation, request, { byContentId: new Map(), byPosition: [] }),
      );
      items.push({ kind: 'operation', response: toPart(response, item.operation.contentId) });
      if (response.status >= 400 && !continueOnError) break;
      continue;
    }
    const references: References = { byContentId: new Map(), byPosition: [] };
    try {
      const responses = await inUnitOfWork(scope.services, caller, async (context) => {
        const parts: BatchOperationResponse[] = [];
        for (const operation of item.operations) {
          const response = await run(scope, subRequest(operation, request, references), context);
          if (response.status >= 400) throw new ChangeSetFailure(response, operation.contentId);
          const location = response.headers['odata-entityid'];
          if (operation.contentId && location) references.byContentId.set(operation.contentId, location);
          references.byPosition.push(location);
          parts.push(toPart(response, operation.contentId));
        }
        return parts;
      });
      items.push({ kind: 'changeset', responses });
    } catch (error) {
      if (!(error instanceof ChangeSetFailure)) throw error;
      // Dataverse answers a failed change set with the failing operation's response alone.
      items.push({ kind: 'operation', response: toPart(error.response, error.contentId) });
      if (!continueOnError) break;
    }
  }
  const written = writeBatchResponse(items);
  return { status: 200, headers: { 'content-type': written.contentType, 'odata-version': '4.0' }, body: written.body };
}

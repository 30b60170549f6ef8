/**
 * How a view's FetchXML is run on an entity set: the seam between views (./run-view.ts) and FetchXML
 * execution (src/odata/fetchxml/), which is built separately. Until the two are joined, running a
 * view answers a clear 400 that names what is missing, never the unfiltered table.
 */
import { querySyntax } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { ODataResponse } from '../odata-request.js';
import type { RequestScope } from '../request-scope.js';

/** Runs `fetchXml` for the request's caller on `table` (the entity set addressed) and answers its page. */
export type FetchXmlRunner = (scope: RequestScope, table: TableMetadata, fetchXml: string) => Promise<ODataResponse>;

export const runFetchXml: FetchXmlRunner = async () => {
  throw querySyntax('FetchXML is not available: the view was found, but Orderline cannot run FetchXML yet.');
};

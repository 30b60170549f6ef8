import type { EntityKey } from '../domain/entity-key.js';
import type { LookupColumn, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';

/** A lookup set through `<navigation>@odata.bind`: which column, which table, which row (null unbinds). */
export interface LookupBinding {
  readonly column: LookupColumn;
  readonly target: TableMetadata;
  readonly key: EntityKey | null;
}

/** What a client asks to write: column values already converted to domain values, and lookups. */
export interface WriteInput {
  readonly attributes: Row;
  readonly bindings: readonly LookupBinding[];
}

/** Preconditions from `If-Match` / `If-None-Match`. */
export interface WriteConditions {
  /** `*` or a version (the digits inside `W/"..."`). */
  readonly ifMatch?: string;
  /** Only `*` is meaningful on writes: create, never update. */
  readonly ifNoneMatch?: string;
}

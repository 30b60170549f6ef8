/**
 * The extension point of the write pipeline, modelled on Dataverse's plug-in stages: a step registers
 * for a stage, runs inside the unit of work, and may change the target (pre-validation, pre-operation)
 * or write more rows (post-operation: audit, outbox). A step refuses a write by throwing a DomainError;
 * the whole unit of work then rolls back.
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { ExecutionContext } from './execution-context.js';

export type WriteMessageName = 'Create' | 'Update' | 'Delete';

/** PreValidation 10, PreOperation 20, PostOperation 40, as Dataverse numbers them. */
export type Stage = 'preValidation' | 'preOperation' | 'postOperation';

export interface WriteOperation {
  readonly message: WriteMessageName;
  readonly table: TableMetadata;
  readonly id: string;
  /** The columns being written; steps before the main operation may add to it. Empty for Delete. */
  readonly target: Row;
  /** The row as it was before (Update, Delete). */
  readonly preImage?: Readonly<Row>;
  /** The row as written (Create, Update), available to post-operation steps. */
  postImage?: Readonly<Row>;
  /**
   * Set by a pre-validation step of an Update that repeats what the row already is (submitting a
   * Submitted order): the row is left exactly as it was, no new version, no later stage.
   */
  unchanged?: boolean;
}

export interface WriteStep {
  readonly name: string;
  readonly stage: Stage;
  /** Tables it runs on; all tables when absent. */
  readonly tables?: readonly string[];
  readonly messages: readonly WriteMessageName[];
  /**
   * Its name in the step order table (src/pipeline/step-order.ts), which decides where it runs; needed
   * only when `name` varies (the custom pricing steps carry the module's name).
   */
  readonly orderedAs?: string;
  run(context: ExecutionContext, operation: WriteOperation): Promise<void> | void;
}

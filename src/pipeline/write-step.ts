/**
 * The extension point of the write pipeline, modelled on Dataverse's plug-in stages: a step registers
 * for a stage, runs inside the unit of work, and may change the target (pre-validation, pre-operation)
 * or write more rows (post-operation: audit, outbox). A step refuses a write by throwing a DomainError;
 * the whole unit of work then rolls back.
 */
import type { ManyToManyRelationship } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { ExecutionContext } from './execution-context.js';

export type WriteMessageName = 'Create' | 'Update' | 'Delete';

/** Dataverse's messages that link and unlink two rows of an N:N relationship. */
export type AssociationMessageName = 'Associate' | 'Disassociate';

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

/** What every step declares: where it runs, and on which tables. */
interface StepPlacement {
  readonly name: string;
  readonly stage: Stage;
  /** Tables it runs on (for an association, the first row's); all tables when absent. */
  readonly tables?: readonly string[];
  /**
   * Its name in the step order table (src/pipeline/step-order.ts), which decides where it runs; needed
   * only when `name` varies (the custom pricing steps carry the module's name).
   */
  readonly orderedAs?: string;
}

export interface WriteStep extends StepPlacement {
  readonly messages: readonly WriteMessageName[];
  run(context: ExecutionContext, operation: WriteOperation): Promise<void> | void;
}

/** An Associate or Disassociate: one row of `table` and one of `relatedTable`, linked through `relationship`. */
export interface AssociationOperation {
  readonly message: AssociationMessageName;
  readonly table: TableMetadata;
  readonly id: string;
  readonly relationship: ManyToManyRelationship;
  readonly relatedTable: TableMetadata;
  readonly relatedId: string;
  /** Set by a pre-validation step that finds the link already as asked: nothing after it runs. */
  unchanged?: boolean;
}

/** A step of the Associate and Disassociate messages (registered like Dataverse plug-ins on them). */
export interface AssociationStep extends StepPlacement {
  readonly messages: readonly AssociationMessageName[];
  run(context: ExecutionContext, operation: AssociationOperation): Promise<void> | void;
}

/** Any step of the pipeline: of a record write, or of an association. */
export type PipelineStep = WriteStep | AssociationStep;

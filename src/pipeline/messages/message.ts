/**
 * A Sales message as the pipeline runs it: a typed command on the unit of work that knows nothing of
 * the protocol that asked for it (no JSON, no `@odata`, no service root). The Web API binds each one to
 * an action or a function by the Web API's operation bindings; provisioning and tests call them directly.
 */
import type { ExecutionContext } from '../execution-context.js';

/** A command: runs in the unit of work, writes through the pipeline. */
export type Message<Input, Result> = (context: ExecutionContext, input: Input) => Promise<Result>;

/**
 * What a query (a Web API function) runs with: the services, who asks, and an executor to read on. It
 * is the store's shared connection, or the transaction of the `$batch` change set the query sits in;
 * never a write transaction of its own, so a query does not queue behind SQLite's write lock.
 */
export type QueryContext = Pick<ExecutionContext, 'services' | 'trx' | 'caller'>;

/** A query: reads only, so it takes no unit of work. */
export type Query<Input, Result> = (context: QueryContext, input: Input) => Promise<Result>;

/** The record a message created, for whoever called it to read back. */
export interface CreatedRecord {
  readonly logicalName: string;
  readonly id: string;
}

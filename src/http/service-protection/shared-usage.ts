/**
 * Where several processes pool their usage so a user's limits hold across all of them (issue #7). A
 * process adds what its users spent since it last reported and reads back every process's total per
 * bucket. A single process (SQLite) has none: its own counts are the whole truth.
 */

export interface BucketDelta {
  readonly userId: string;
  /** Epoch ms at which the bucket starts (`bucketStart`). */
  readonly start: number;
  readonly requests: number;
  readonly executionMs: number;
}

export interface SharedUsage {
  /** Adds this process's usage to the pool. */
  add(deltas: readonly BucketDelta[]): Promise<void>;
  /** Every process's usage of these users in buckets starting at `fromStart` or later. */
  read(userIds: readonly string[], fromStart: number): Promise<BucketDelta[]>;
  /** Forgets buckets that started before `beforeStart`: no window reaches them any more. */
  prune(beforeStart: number): Promise<void>;
}

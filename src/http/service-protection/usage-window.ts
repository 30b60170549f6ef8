/**
 * A user's usage over a sliding window of time (reference 7.6: Dataverse counts requests and execution
 * time per user over a sliding 300-second window), cut into equal buckets. A bucket is keyed by its
 * start in epoch milliseconds, so processes sharing a database agree on it without talking to each other.
 *
 * The window at time t is the `buckets` buckets ending with the one holding t: it covers at least the
 * last (buckets - 1) x bucketMs and at most the last buckets x bucketMs. Buckets cost a little precision
 * (one bucket's worth) and buy a fixed amount of memory per user, whatever the request rate.
 */

/** What a window counts: requests admitted, and milliseconds they spent executing. */
export type Measure = 'requests' | 'executionMs';

export interface WindowShape {
  readonly bucketMs: number;
  /** Buckets in one window. */
  readonly buckets: number;
}

/** Buckets per window: enough that the window slides smoothly, few enough to stay cheap to sum. */
const BUCKETS_PER_WINDOW = 60;
/** Shared buckets are a row per user each; below 100 ms they would cost more rows than they bring. */
const SMALLEST_BUCKET_MS = 100;
/** Retry-After is given in seconds; buckets over 5 s would make it noticeably pessimistic. */
const LARGEST_BUCKET_MS = 5_000;

/** 5 s buckets for Dataverse's 300 s window; 100 ms buckets for a window of a few seconds. */
export function windowShape(windowMs: number): WindowShape {
  const bucketMs = Math.min(LARGEST_BUCKET_MS, Math.max(SMALLEST_BUCKET_MS, Math.floor(windowMs / BUCKETS_PER_WINDOW)));
  return { bucketMs, buckets: Math.max(1, Math.ceil(windowMs / bucketMs)) };
}

/** The start (epoch ms) of the bucket holding `atMs`. */
export function bucketStart(shape: WindowShape, atMs: number): number {
  return Math.floor(atMs / shape.bucketMs) * shape.bucketMs;
}

/** The start of the oldest bucket still in the window at `nowMs`. */
export function oldestBucketStart(shape: WindowShape, nowMs: number): number {
  return bucketStart(shape, nowMs) - (shape.buckets - 1) * shape.bucketMs;
}

export interface BucketUsage {
  /** Epoch ms at which the bucket starts. */
  readonly start: number;
  readonly requests: number;
  readonly executionMs: number;
}

/** A ring of buckets: slot = bucket number modulo the window's length; a slot holds its newest bucket. */
export class UsageWindow {
  private readonly starts: Float64Array;
  private readonly requests: Float64Array;
  private readonly executionMs: Float64Array;

  constructor(readonly shape: WindowShape) {
    this.starts = new Float64Array(shape.buckets).fill(Number.NEGATIVE_INFINITY);
    this.requests = new Float64Array(shape.buckets);
    this.executionMs = new Float64Array(shape.buckets);
  }

  /** Adds usage to the bucket holding `atMs`; usage older than what the slot holds is past the window. */
  add(atMs: number, requests: number, executionMs: number): void {
    const start = bucketStart(this.shape, atMs);
    const slot = this.slotOf(start);
    const held = this.starts[slot]!;
    if (held > start) return;
    if (held < start) {
      this.starts[slot] = start;
      this.requests[slot] = 0;
      this.executionMs[slot] = 0;
    }
    this.requests[slot]! += requests;
    this.executionMs[slot]! += executionMs;
  }

  /** The sum of a measure over the window at `nowMs`. */
  total(measure: Measure, nowMs: number): number {
    const oldest = oldestBucketStart(this.shape, nowMs);
    const amounts = this[measure];
    let sum = 0;
    for (let slot = 0; slot < this.starts.length; slot += 1) {
      if (this.starts[slot]! >= oldest) sum += amounts[slot]!;
    }
    return sum;
  }

  /** The buckets still in the window at `nowMs` that hold any usage. */
  buckets(nowMs: number): BucketUsage[] {
    const oldest = oldestBucketStart(this.shape, nowMs);
    const found: BucketUsage[] = [];
    for (let slot = 0; slot < this.starts.length; slot += 1) {
      const start = this.starts[slot]!;
      const requests = this.requests[slot]!;
      const executionMs = this.executionMs[slot]!;
      if (start >= oldest && (requests !== 0 || executionMs !== 0)) found.push({ start, requests, executionMs });
    }
    return found;
  }

  isEmpty(nowMs: number): boolean {
    const oldest = oldestBucketStart(this.shape, nowMs);
    for (let slot = 0; slot < this.starts.length; slot += 1) {
      if (this.starts[slot]! >= oldest && (this.requests[slot] !== 0 || this.executionMs[slot] !== 0)) return false;
    }
    return true;
  }

  /** Adds every bucket of `other` still in the window at `nowMs` to this one. */
  merge(other: UsageWindow, nowMs: number): void {
    for (const bucket of other.buckets(nowMs)) this.add(bucket.start, bucket.requests, bucket.executionMs);
  }

  private slotOf(start: number): number {
    const count = this.starts.length;
    const index = Math.floor(start / this.shape.bucketMs) % count;
    return index < 0 ? index + count : index;
  }
}

/** A measure summed over several windows (this process's usage and the others'). */
export function totalOf(windows: readonly UsageWindow[], measure: Measure, nowMs: number): number {
  let sum = 0;
  for (const window of windows) sum += window.total(measure, nowMs);
  return sum;
}

/**
 * How long until the windows' total of `measure` falls below `limit` if nothing more is added: the
 * oldest buckets leave the window one by one, each at its start plus the window's length. 0 when the
 * total is already below the limit. This is the honest `Retry-After`: the first moment a retry can pass.
 */
export function msUntilBelow(windows: readonly UsageWindow[], measure: Measure, nowMs: number, limit: number): number {
  const shape = windows[0]?.shape;
  if (!shape) return 0;
  const byStart = new Map<number, number>();
  let total = 0;
  for (const window of windows) {
    for (const bucket of window.buckets(nowMs)) {
      byStart.set(bucket.start, (byStart.get(bucket.start) ?? 0) + bucket[measure]);
      total += bucket[measure];
    }
  }
  if (total < limit) return 0;
  const windowMs = shape.buckets * shape.bucketMs;
  for (const start of [...byStart.keys()].sort((a, b) => a - b)) {
    total -= byStart.get(start)!;
    if (total < limit) return start + windowMs - nowMs;
  }
  // Unreachable with a positive limit: an empty window is below it.
  return windowMs;
}

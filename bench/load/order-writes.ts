/**
 * What the load writes: the cycle of order writes BENCH_LOAD_MIX asks for and, for request i of the
 * schedule, its method, path and body. The echo baseline gets the very same requests, so the two loads
 * differ only in who answers.
 */
import { randomUUID } from 'node:crypto';

export type Operation = 'create order' | 'add line' | 'update order';
export const OPERATIONS: readonly Operation[] = ['create order', 'add line', 'update order'];

/** How many of the last created orders the add-line and update writes pick from. */
const RECENT_ORDERS = 100;
/** Orders created before the load, so the first add-line and update writes have orders to write into. */
export const SEED_ORDERS = RECENT_ORDERS;

/**
 * The cycle of operations from BENCH_LOAD_MIX, `<create>:<add line>:<update>` weights (default 1:1:1),
 * interleaved: 2:1:1 gives create, add line, update, create.
 */
export function mixFromEnv(): readonly Operation[] {
  const raw = process.env.BENCH_LOAD_MIX?.trim() || '1:1:1';
  const weights = raw.split(':').map(Number);
  if (
    weights.length !== OPERATIONS.length ||
    weights.some((weight) => !Number.isInteger(weight) || weight < 0) ||
    weights.every((weight) => weight === 0)
  ) {
    throw new Error(`BENCH_LOAD_MIX must be <create>:<add line>:<update> whole-number weights, got "${raw}"`);
  }
  const left = [...weights];
  const cycle: Operation[] = [];
  while (left.some((weight) => weight > 0)) {
    OPERATIONS.forEach((operation, index) => {
      if ((left[index] ?? 0) > 0) {
        cycle.push(operation);
        left[index] = (left[index] ?? 0) - 1;
      }
    });
  }
  return cycle;
}

/** The reference data the writes bind to. */
export interface Catalog {
  readonly accountId: string;
  readonly priceListId: string;
  readonly unitId: string;
  readonly productIds: readonly string[];
}

export interface Write {
  readonly operation: Operation;
  readonly method: 'POST' | 'PATCH';
  /** Below the service root. */
  readonly path: string;
  readonly body: string;
  /** The order a create makes, remembered as recent once it is answered 2xx. */
  readonly createdOrderId?: string;
}

/**
 * Request i of the schedule: the mix's cycle of operations, each step taken by `processes` consecutive
 * requests (so each process gets every operation: request i goes to process i mod processes), writing
 * into the most recent orders.
 */
export class OrderWrites {
  private readonly recent: string[] = [];
  private nextRecent = 0;
  private updates = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly cycle: readonly Operation[],
    private readonly processes: number,
  ) {}

  /** An order that exists: the add-line and update writes pick among the last RECENT_ORDERS. */
  remember(orderId: string): void {
    if (this.recent.length < RECENT_ORDERS) this.recent.push(orderId);
    else this.recent[this.nextRecent] = orderId;
    this.nextRecent = (this.nextRecent + 1) % RECENT_ORDERS;
  }

  createBody(index: number, orderId: string): string {
    return JSON.stringify({
      salesorderid: orderId,
      name: `Load order ${index}`,
      'customerid_account@odata.bind': `/accounts(${this.catalog.accountId})`,
      'pricelevelid@odata.bind': `/pricelevels(${this.catalog.priceListId})`,
    });
  }

  next(index: number): Write {
    const operation = this.cycle[Math.floor(index / this.processes) % this.cycle.length]!;
    const order = this.recent[Math.floor(Math.random() * this.recent.length)];
    if (operation === 'create order' || order === undefined) {
      const orderId = randomUUID();
      return {
        operation: 'create order',
        method: 'POST',
        path: 'salesorders',
        body: this.createBody(index, orderId),
        createdOrderId: orderId,
      };
    }
    if (operation === 'add line') {
      const product = this.catalog.productIds[index % this.catalog.productIds.length]!;
      return {
        operation,
        method: 'POST',
        path: 'salesorderdetails',
        body: JSON.stringify({
          'salesorderid@odata.bind': `/salesorders(${order})`,
          'productid@odata.bind': `/products(${product})`,
          'uomid@odata.bind': `/uoms(${this.catalog.unitId})`,
          quantity: 1 + (index % 5),
        }),
      };
    }
    this.updates += 1;
    const change =
      this.updates % 2 === 0
        ? { description: `Updated by the load test, request ${index}` }
        : { discountpercentage: index % 10 };
    return { operation, method: 'PATCH', path: `salesorders(${order})`, body: JSON.stringify(change) };
  }
}

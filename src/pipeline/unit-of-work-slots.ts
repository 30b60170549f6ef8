/**
 * State a module keeps for the length of one unit of work (the transitions a message granted, the
 * orders waiting for their outbox event, the audit transaction id), without a module-level map keyed
 * by the transaction. A module defines its slot once, beside the code that uses it; the unit of work
 * creates the slot's value the first time it is asked for and drops it with everything else at its end.
 */

/** Names one slot and how to make its first value; compared by identity, so two modules never clash. */
export interface SlotKey<T> {
  readonly name: string;
  readonly create: () => T;
}

export function defineSlot<T>(name: string, create: () => T): SlotKey<T> {
  return { name, create };
}

/** The values of the slots one unit of work has used. */
export class Slots {
  readonly #values = new Map<SlotKey<unknown>, unknown>();

  get<T>(key: SlotKey<T>): T {
    if (this.#values.has(key)) return this.#values.get(key) as T;
    const value = key.create();
    this.#values.set(key, value);
    return value;
  }
}

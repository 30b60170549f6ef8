/**
 * Names for state and status codes, derived from the state declarations of a table's metadata, so that
 * code reads `SalesOrderState.Submitted` where it used to read `1`, and a name that does not exist is a
 * type error. Pure TypeScript with no imports from Node: the Sales Hub UI bundles it too.
 *
 * A name is the label in PascalCase: words are split at spaces, hyphens and parentheses and each starts
 * with a capital (`In Progress` -> `InProgress`, `Out-Sold` -> `OutSold`, `Closed (deprecated)` ->
 * `ClosedDeprecated`).
 *
 * Where two statuses of a table share a label (a quote's `In Progress` is a status of Draft and of
 * Active), neither takes the bare label: both are prefixed with their state's name
 * (`QuoteStatus.DraftInProgress`, `QuoteStatus.ActiveInProgress`), so no one picks the wrong one by
 * accident. Labels that still collide are refused when the module loads.
 */
import type { StateMetadata, StatusMetadata } from './table-metadata.js';

type Spaced<Label extends string> = Label extends `${infer Head}-${infer Tail}`
  ? Spaced<`${Head} ${Tail}`>
  : Label extends `${infer Head}(${infer Tail}`
    ? Spaced<`${Head} ${Tail}`>
    : Label extends `${infer Head})${infer Tail}`
      ? Spaced<`${Head} ${Tail}`>
      : Label;
type Joined<Words extends string> = Words extends `${infer Word} ${infer Rest}`
  ? `${Capitalize<Word>}${Joined<Rest>}`
  : Capitalize<Words>;

/** `'Closed (deprecated)'` -> `'ClosedDeprecated'`, as a type. */
export type PascalCase<Label extends string> = Joined<Spaced<Label>>;

/** `'Closed (deprecated)'` -> `'ClosedDeprecated'`, at run time; the same rule as `PascalCase`. */
export function pascalCase(label: string): string {
  return label
    .split(/[ ()-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

interface WithStates {
  readonly logicalName: string;
  readonly states: readonly StateMetadata[];
}

/** `{ Active: 0, Submitted: 1, ... }` for the states of a table. */
export type StateNames<Table extends WithStates> = {
  readonly [State in Table['states'][number] as PascalCase<State['label']>]: State['value'];
};

/** Every status of a table with the label of the state it belongs to. */
type StatusEntry<States extends readonly StateMetadata[]> = States[number] extends infer State
  ? State extends StateMetadata
    ? State['statuses'][number] extends infer Status
      ? Status extends StatusMetadata
        ? { readonly state: State['label']; readonly value: Status['value']; readonly label: Status['label'] }
        : never
      : never
    : never
  : never;

/** The bare label if no other status of the table shares it, else the state's name then the label. */
type StatusKey<Entry extends StatusEntry<readonly StateMetadata[]>, All> = [
  Exclude<Extract<All, { readonly label: Entry['label'] }>, Entry>,
] extends [never]
  ? PascalCase<Entry['label']>
  : `${PascalCase<Entry['state']>}${PascalCase<Entry['label']>}`;

/** `{ New: 1, Pending: 2, InProgress: 3, ... }` for the statuses of a table. */
export type StatusNames<Table extends WithStates> = {
  readonly [Entry in StatusEntry<Table['states']> as StatusKey<Entry, StatusEntry<Table['states']>>]: Entry['value'];
};

/** The names of a table's states: `stateNames(salesorder).Submitted === 1`. */
export function stateNames<const Table extends WithStates>(table: Table): StateNames<Table> {
  const names: Record<string, number> = {};
  for (const state of table.states) addName(names, table, pascalCase(state.label), state.value);
  return Object.freeze(names) as StateNames<Table>;
}

/** The names of a table's statuses: `statusNames(salesorder).InProgress === 3`. */
export function statusNames<const Table extends WithStates>(table: Table): StatusNames<Table> {
  const statuses = table.states.flatMap((state) => state.statuses.map((status) => ({ state, status })));
  const names: Record<string, number> = {};
  for (const { state, status } of statuses) {
    const shared = statuses.some((other) => other.status !== status && other.status.label === status.label);
    const name = shared ? pascalCase(state.label) + pascalCase(status.label) : pascalCase(status.label);
    addName(names, table, name, status.value);
  }
  return Object.freeze(names) as StatusNames<Table>;
}

function addName(names: Record<string, number>, table: WithStates, name: string, value: number): void {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`${table.logicalName}: the label behind '${name}' does not make a name (state-names.ts)`);
  }
  if (name in names) throw new Error(`${table.logicalName}: two states or statuses are both named '${name}'`);
  names[name] = value;
}

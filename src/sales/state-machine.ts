/**
 * The shape of a sales record's lifecycle, as data: which states may be edited, which state changes
 * exist, how each may be requested (a SetState PATCH of statecode/statuscode, or a named message), and
 * the named guards that may veto one with a reason (the way Vendure's state machines veto a transition).
 * States, status codes and labels are not repeated here: they are read from the table metadata, and a
 * machine that names a state or status the metadata does not have fails when it is defined.
 *
 * Nothing here does I/O; the pipeline steps and the messages gather the facts and ask.
 */
import type { StateMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';

/** The messages of reference 6 (and Orderline's `ol_SubmitSalesOrder`) that move or read sales records. */
export type MessageName =
  | 'GenerateQuoteFromOpportunity'
  | 'GenerateSalesOrderFromOpportunity'
  | 'GenerateInvoiceFromOpportunity'
  | 'WinOpportunity'
  | 'LoseOpportunity'
  | 'WinQuote'
  | 'CloseQuote'
  | 'ReviseQuote'
  | 'ConvertQuoteToSalesOrder'
  | 'ol_SubmitSalesOrder'
  | 'FulfillSalesOrder'
  | 'CancelSalesOrder'
  | 'ConvertSalesOrderToInvoice';

/** How a state change is asked for: `SetState` is a PATCH of statecode/statuscode (reference 6, 7.2). */
export type Trigger = 'SetState' | MessageName;

/** What the guards read. */
export interface LifecycleFacts {
  /** `organization.issopintegrationenabled`. */
  readonly integrationEnabled: boolean;
  /** The effective user's `isintegrationuser` (an impersonated integration user counts). */
  readonly integrationUser: boolean;
}

export type GuardName =
  | 'integrationEnabled'
  | 'integrationDisabled'
  | 'integrationUser'
  | 'backOfficeLock'
  | 'backOfficeWriter';

/** A guard returns nothing to allow, or the reason it vetoes. */
export type Guard = (facts: LifecycleFacts) => string | undefined;

export const guards: Readonly<Record<GuardName, Guard>> = {
  integrationEnabled: (facts) =>
    facts.integrationEnabled
      ? undefined
      : 'the order processing integration is off (organization.issopintegrationenabled is false)',
  integrationDisabled: (facts) =>
    facts.integrationEnabled
      ? 'the order processing integration is on (organization.issopintegrationenabled is true): invoices come from the back office, so Create Invoice (ConvertSalesOrderToInvoice) is not available'
      : undefined,
  integrationUser: (facts) =>
    facts.integrationUser ? undefined : 'only an integration user (systemuser.isintegrationuser) may do this',
  backOfficeLock: (facts) =>
    !facts.integrationEnabled || facts.integrationUser
      ? undefined
      : 'the order is submitted to the back office and locked: while the order processing integration is on, only an integration user may change it or its lines',
  /** Writes to a Submitted order: the back office's, and only while the integration is on. */
  backOfficeWriter: (facts) => {
    if (!facts.integrationEnabled) {
      return 'only active orders can be edited: a submitted order accepts writes only from integration users while the order processing integration is on, and it is off';
    }
    return guards.backOfficeLock(facts);
  },
};

export interface Transition {
  readonly from: number;
  readonly to: number;
  /** The ways it may be requested. */
  readonly via: readonly Trigger[];
  /** Status codes allowed in the target state; every status of that state when absent. */
  readonly statuses?: readonly number[];
  readonly guards?: readonly GuardName[];
  /** Date-only columns set to today (UTC) by the transition, unless the same write sets them. */
  readonly stampsToday?: readonly string[];
}

/** Whether a record in a state accepts writes to its columns and to its lines. */
export type Editing = 'always' | 'never' | { readonly guards: readonly GuardName[] };

export interface StateMachineDefinition {
  /** The header table, whose metadata holds the states, statuses and labels. */
  readonly table: TableMetadata;
  /** Its product lines (`quotedetail`, ...): they are writable exactly when the header is. */
  readonly lines: readonly TableMetadata[];
  /** What the entity reference says of read-only states: "only draft quotes can be edited". */
  readonly readOnlyRule: string;
  readonly editing: Readonly<Record<number, Editing>>;
  readonly transitions: readonly Transition[];
  /** States a record may be in to be the source of a message that reads it (Generate..., Convert...). */
  readonly sources?: Readonly<Partial<Record<MessageName, readonly number[]>>>;
}

export interface StateMachine extends StateMachineDefinition {
  state(value: number): StateMetadata;
}

export type Verdict<T = undefined> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

const allowed = <T>(value: T): Verdict<T> => ({ ok: true, value });
const refused = (reason: string): Verdict<never> => ({ ok: false, reason });

/** Checks a machine against its table's metadata; a mistake fails at load, not on a request. */
export function defineStateMachine(definition: StateMachineDefinition): StateMachine {
  const { table } = definition;
  const states = new Map(table.states.map((state) => [state.value, state]));
  const requireState = (value: number, where: string) => {
    const state = states.get(value);
    if (!state)
      throw new Error(`${table.logicalName} state machine: ${where} names state ${value}, which the metadata lacks`);
    return state;
  };
  for (const state of table.states) {
    if (definition.editing[state.value] === undefined) {
      throw new Error(`${table.logicalName} state machine: no editing rule for state ${state.value}`);
    }
  }
  for (const value of Object.keys(definition.editing)) requireState(Number(value), 'an editing rule');
  for (const transition of definition.transitions) {
    requireState(transition.from, 'a transition');
    const to = requireState(transition.to, 'a transition');
    for (const status of transition.statuses ?? []) {
      if (!to.statuses.some((candidate) => candidate.value === status)) {
        throw new Error(`${table.logicalName} state machine: status ${status} is not a status of state ${to.label}`);
      }
    }
    if (transition.via.length === 0)
      throw new Error(`${table.logicalName} state machine: a transition without a trigger`);
  }
  for (const [message, values] of Object.entries(definition.sources ?? {})) {
    for (const value of values ?? []) requireState(value, `source rule ${message}`);
  }
  for (const line of definition.lines) {
    if (!line.parentLookup) throw new Error(`${line.logicalName} has no parent lookup`);
  }
  return { ...definition, state: (value) => requireState(value, 'a request') };
}

function runGuards(names: readonly GuardName[] | undefined, facts: LifecycleFacts): string | undefined {
  for (const name of names ?? []) {
    const reason = guards[name](facts);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** May a record in `state` be written (its columns, its lines, deleted)? */
export function editVerdict(machine: StateMachine, state: number, facts: LifecycleFacts): Verdict {
  const rule = machine.editing[state];
  if (rule === undefined || rule === 'never') return refused(machine.readOnlyRule);
  if (rule === 'always') return allowed(undefined);
  const reason = runGuards(rule.guards, facts);
  return reason === undefined ? allowed(undefined) : refused(reason);
}

/** The status a close message's `Status` asks for: -1 means the default status of the target state. */
export function resolveStatus(machine: StateMachine, state: number, status: number): number {
  return status === -1 ? machine.state(state).defaultStatus : status;
}

export interface TransitionRequest {
  readonly from: number;
  readonly to: number;
  readonly status: number;
  readonly trigger: Trigger;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function describeTriggers(triggers: readonly Trigger[]): string {
  return [...new Set(triggers)].join(' or ');
}

function describeRequest(trigger: Trigger): string {
  return trigger === 'SetState' ? 'by SetState (a PATCH of statecode and statuscode)' : `by ${trigger}`;
}

/** Is this state change allowed, requested this way, with these facts? */
export function transitionVerdict(
  machine: StateMachine,
  request: TransitionRequest,
  facts: LifecycleFacts,
): Verdict<Transition> {
  const from = machine.state(request.from);
  const to = machine.state(request.to);
  const entity = machine.table.displayName.toLowerCase();
  const candidates = machine.transitions.filter(
    (transition) => transition.from === request.from && transition.to === request.to,
  );
  if (candidates.length === 0) {
    const exits = machine.transitions
      .filter((transition) => transition.from === request.from && transition.to !== request.from)
      .map((transition) => `${machine.state(transition.to).label} (${describeTriggers(transition.via)})`);
    const hint =
      exits.length > 0 ? `; from ${from.label} it can go to ${exits.join(', ')}` : `; ${from.label} is final`;
    return refused(
      request.from === request.to
        ? `the status of ${article(from.label)} ${from.label} ${entity} cannot be changed${hint}`
        : `${article(entity)} ${entity} cannot go from ${from.label} to ${to.label}${hint}`,
    );
  }
  const requested = candidates.filter((transition) => transition.via.includes(request.trigger));
  if (requested.length === 0) {
    const ways = describeTriggers(candidates.flatMap((transition) => transition.via));
    return refused(
      `${from.label} -> ${to.label} is done only through ${ways}, not ${describeRequest(request.trigger)}`,
    );
  }
  const fitting = requested.filter((transition) =>
    (transition.statuses ?? to.statuses.map((status) => status.value)).includes(request.status),
  );
  if (fitting.length === 0) {
    const statuses = [
      ...new Set(requested.flatMap((transition) => transition.statuses ?? to.statuses.map((s) => s.value))),
    ];
    return refused(
      `${request.status} is not a status ${article(to.label)} ${to.label} ${entity} can be given ${describeRequest(request.trigger)}: use ${statuses.join(', ')}`,
    );
  }
  let reason: string | undefined;
  for (const transition of fitting) {
    reason = runGuards(transition.guards, facts);
    if (reason === undefined) return allowed(transition);
  }
  return refused(reason!);
}

/** May a record in `state` be the source of `message` (GenerateQuoteFromOpportunity, ConvertQuoteToSalesOrder, ...)? */
export function sourceVerdict(machine: StateMachine, message: MessageName, state: number): Verdict {
  const states = machine.sources?.[message];
  if (!states) return refused(`${message} does not read ${machine.table.logicalName} records`);
  if (states.includes(state)) return allowed(undefined);
  const labels = states.map((value) => machine.state(value).label).join(' or ');
  const first = machine.state(states[0]!).label;
  return refused(
    `${message} needs ${article(first)} ${labels} ${machine.table.displayName.toLowerCase()}, and this one is ${machine.state(state).label}`,
  );
}

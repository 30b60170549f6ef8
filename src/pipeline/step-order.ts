/**
 * The order of the write pipeline, in one place: per stage, every step's name in the order it runs, with
 * why it sits there. Read top to bottom to learn what a write goes through (a line create, for instance,
 * runs the lines' lifecycle check, the active-product check, the line state mirror, money precision, line
 * pricing, then the outbox and the audit log). Each step runs only on its own tables and messages.
 *
 * Steps are composed in src/app-steps.ts and ordered here at start (`inStepOrder`): a
 * registered step missing from this table is a start-up error, so a new step must be given its place.
 * A name listed here but not registered is simply not run (the custom pricing steps exist only when a
 * module is configured).
 */
import type { PipelineStep, Stage } from './write-step.js';

export const stepOrder: Readonly<Record<Stage, readonly string[]>> = {
  preValidation: [
    // First: a replay of an accepted back-office write is marked unchanged before any rule could refuse it.
    'back-office bridge: ignore stale or repeated back-office revisions',
    // Turns a processing status into statecode/statuscode, so the lifecycle check below judges that change.
    'back-office bridge: a processing status moves the order to its state',
    // Refusals come before any work, so a refused write costs nothing: state moves and editability...
    'sales lifecycle: state and editability of opportunities, quotes, orders and invoices',
    // ...a line of a record that may not be edited (locks the record for the unit of work)...
    'sales lifecycle: lines are written only while their record is editable',
    // ...the integration switch without the role and license...
    'order processing integration switch: role and license',
    // ...and rows only the server writes.
    'audit rows are read-only',
    'back-office bridge: outbox, deliveries and timeline are read-only',
    // The prefixes every new number begins with are refused blank or with spaces.
    'number prefixes of the organization',
    // A new quote, order or invoice gets its number before validation requires it.
    'auto-number',
    // A new product starts Draft or Active as the organization says, before the state is validated.
    'product initial state',
    // A line may name only an Active product.
    'only active products on lines',
    // A new user without a business unit joins the root one, before required columns are checked.
    'default business unit of a user',
    // A connector that could never deliver is refused when written, not at its first event.
    'back-office bridge: connectors must be able to deliver',
    // A view that could never run (no such table, FetchXML that is not a query over it) is refused on save.
    'views: a served table and well-formed FetchXML over it',
  ],
  preOperation: [
    // Computed from the row's own columns (first and last name).
    'full name',
    // Copied from the product the price list item names.
    'product number of a price list item',
    // A new line takes its record's state; the record was locked by the lifecycle check.
    "sales lifecycle: a new line shows its record's state",
    // Marks a deleting header, so its lines' deletes do not move totals of a header that is going away.
    'pricing: a deleted header takes its lines with it',
    // Back-office stamps on the order being written: acknowledgement, Billed invoices, hand-over on Submit.
    'back-office bridge: the first back-office order number is the acknowledgement',
    // What the back office reported, in the timeline after the acknowledgement it may come with.
    'back-office bridge: a reported processing status is on the timeline',
    'back-office bridge: a shipped line is on the timeline',
    'back-office bridge: an invoice from the back office arrives Billed under the order owner',
    'back-office bridge: stamp the hand-over on Submit',
    // Rounds every money column the steps above set and derives the `_base` twins.
    'currency and money precision',
    // Pricing last: the engine's values, already at their precision, are the final word on computed columns.
    'pricing: header totals',
    'pricing: price the line and move its header totals by its delta',
    'pricing: take a deleted line out of its header totals',
  ],
  postOperation: [
    // A new unit group gets its base unit.
    'base unit of a unit group',
    // Cached organization settings are dropped once they change.
    'forget remembered organization settings',
    // The lines mirror their record's new state.
    "sales lifecycle: lines show their record's new state",
    // The custom module sees the record and its lines as they now are (only while system pricing is off).
    'custom pricing (<module>): lines',
    'custom pricing (<module>): records',
    // Deleted and reassigned rows leave a tombstone for change tracking.
    'change tracking tombstones of deleted and reassigned rows',
    // A back-office invoice moves its order to Invoiced.
    'back-office bridge: an invoice from the back office marks its order Invoiced',
    // A deleted connector dead-letters its pending deliveries.
    'back-office bridge: a deleted connector dead-letters what it had left to deliver',
    // A new connector takes the events written while there was none (src/bridge/waiting-events.ts).
    'back-office bridge: a new connector takes the events that waited for one',
    // After the steps that finish the write: the event describes the order as it ends up.
    'back-office bridge: queue an outbox event for the change',
    // Last: the audit row records what the write finally was.
    'audit log of orders, invoices, their lines and the organization settings',
    // Associate and Disassociate: the audit row of the link made or removed.
    'audit log of N:N links made and removed',
  ],
};

/** The name a step has in `stepOrder`: its own, or the one it declares when its name varies. */
export function orderedName(step: PipelineStep): string {
  return step.orderedAs ?? step.name;
}

/**
 * The registered steps in the order of `stepOrder`, stage by stage. Throws at start for a step the table
 * does not list (in its stage), naming it, so no step runs at an unplanned place.
 */
export function inStepOrder(steps: readonly PipelineStep[], order = stepOrder): PipelineStep[] {
  const unplaced = steps.filter((step) => !order[step.stage].includes(orderedName(step)));
  if (unplaced.length > 0) {
    const names = unplaced.map((step) => `'${orderedName(step)}' (${step.stage})`).join(', ');
    throw new Error(`Write steps missing from the step order table (src/pipeline/step-order.ts): ${names}`);
  }
  const stages = Object.keys(order) as Stage[];
  const position = (step: PipelineStep) => [stages.indexOf(step.stage), order[step.stage].indexOf(orderedName(step))];
  return [...steps].sort((a, b) => {
    const [stageA, placeA] = position(a);
    const [stageB, placeB] = position(b);
    return stageA! - stageB! || placeA! - placeB!;
  });
}

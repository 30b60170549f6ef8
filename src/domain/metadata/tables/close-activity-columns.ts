/**
 * What the three close activities (quoteclose, orderclose, opportunityclose) share: a subject, a
 * description, the actual start and end, and the activity state model. Each one points at the record it
 * closed through its parent lookup, whose privileges and ownership it follows.
 */
import { type ColumnList, createOnly, datetime, lookup, memo, string } from '../columns.js';
import { state } from '../define-table.js';

// Not annotated as StateMetadata[]: the declared labels name the states (named-states.ts).
export const closeActivityStates = [
  state(0, 'Open', 1, { 1: 'Open' }),
  state(1, 'Completed', 2, { 2: 'Completed' }),
  state(2, 'Canceled', 3, { 3: 'Canceled' }),
] as const;

export interface CloseActivityParent {
  /** The lookup column (`quoteid`, ...). */
  readonly column: string;
  readonly table: string;
  readonly label: string;
  /** The parent's collection navigation property (`Quote_QuoteClose`). */
  readonly relationship: string;
}

export function closeActivityColumns(parent: CloseActivityParent): ColumnList {
  return [
    string('subject', 'Subject', 200),
    lookup(parent.column, parent.label, parent.table, {
      ...createOnly,
      required: 'system',
      relationship: { name: parent.relationship, onDelete: 'cascade' },
    }),
    memo('description', 'Description', 2000),
    datetime('actualstart', 'Actual Start'),
    datetime('actualend', 'Actual End'),
  ];
}

/**
 * What a list and a form need to know about a table, as data: the entity set, the columns to list and
 * search, the fields of the form, its lines and totals, when it may be edited, and its commands. The
 * pages are generic; each table is one small file in this folder.
 */

import type { ComponentType } from 'react';
import type { Client } from '../api/client';
import type { AllowedMessages } from '../commands/allowed-messages';
import type { Organization } from '../data/organization';
import type { Row } from '../data/row';
import type { CurrentUser } from '../session/current-user';

export type FieldKind = 'text' | 'multiline' | 'money' | 'decimal' | 'integer' | 'date' | 'lookup' | 'choice';

export interface LookupTarget {
  /** Entity set, key and name column of the related table. */
  readonly set: string;
  readonly id: string;
  readonly name: string;
  /** The single-valued navigation property bound on write (`customerid_account`, `pricelevelid`). */
  readonly navigation: string;
  /** Restricts the choices (`statecode eq 0`). */
  readonly filter?: string;
}

export interface FieldDefinition {
  /** The column's logical name; for a lookup, the lookup column (`customerid`), read as `_customerid_value`. */
  readonly column: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** Written when the record is created only (a price list's currency). */
  readonly createOnly?: boolean;
  readonly lookup?: LookupTarget;
  readonly choices?: readonly { readonly value: number; readonly label: string }[];
  readonly hint?: string;
}

export interface ListColumn {
  readonly column: string;
  readonly label: string;
  /** Shown through `_<column>_value`'s formatted name. */
  readonly lookup?: boolean;
}

/** The totals of a sales record: header discounts and freight the user sets, amounts the server computes. */
export interface TotalsDefinition {
  readonly editable: readonly FieldDefinition[];
  readonly computed: readonly { readonly column: string; readonly label: string }[];
}

/** Product lines of a sales record (quotedetails, salesorderdetails, ...). */
export interface SalesLinesDefinition {
  readonly set: string;
  readonly id: string;
  /** The parent lookup column and navigation property (`salesorderid`). */
  readonly parent: string;
}

/** What a form, a notice or a command knows about the record on screen. */
export interface RecordContext {
  readonly client: Client;
  readonly entity: EntityDefinition;
  readonly id: string;
  readonly record: Row;
  readonly user: CurrentUser;
  readonly organization: Organization;
  /**
   * The messages the server allows the user on this record now (ui/src/commands/allowed-messages.ts),
   * for the tables it answers for; undefined for the others.
   */
  readonly allowedMessages?: AllowedMessages;
}

export interface Notice {
  readonly intent: 'info' | 'warning' | 'success';
  readonly title: string;
  readonly text: string;
}

export interface CommandOutcome {
  /** Where to go next (the order a quote became); otherwise the form reloads. */
  readonly navigateTo?: string;
  readonly message?: string;
}

interface CommandButton {
  /** The button's text, as Sales names it (Submit Order, Create Invoice, Lock Pricing...). */
  readonly label: string;
  readonly visible: (context: RecordContext) => boolean;
}

/**
 * A command runs at once, or (irreversible ones) asks first: its dialog says what will happen, collects
 * what the message needs (a reason, a date), runs it, and hands back the outcome.
 */
export type CommandDefinition = CommandButton &
  (
    | { readonly run: (context: RecordContext) => Promise<CommandOutcome | undefined>; readonly dialog?: never }
    | { readonly dialog: ComponentType<CommandDialogProps>; readonly run?: never }
  );

export interface CommandDialogProps {
  readonly context: RecordContext;
  /** The command ran: the form reloads (or moves on) and shows the outcome. */
  readonly onDone: (outcome: CommandOutcome | undefined) => void;
  readonly onCancel: () => void;
}

export interface EntityDefinition {
  /** The UI path segment: `/orders`. */
  readonly area: string;
  readonly set: string;
  readonly logicalName: string;
  readonly id: string;
  readonly primaryName: string;
  readonly singular: string;
  readonly plural: string;
  /** Quote ID, Order ID, Invoice ID: shown beside the name. */
  readonly numberColumn?: string;
  readonly listColumns: readonly ListColumn[];
  readonly searchColumns: readonly string[];
  readonly fields: readonly FieldDefinition[];
  /** More columns the form or its commands read (`ispricelocked`). */
  readonly extraColumns?: readonly string[];
  readonly totals?: TotalsDefinition;
  readonly salesLines?: SalesLinesDefinition;
  readonly priceListItems?: boolean;
  /** Tables with a state show it as a badge and use it in `editable`. */
  readonly hasState: boolean;
  readonly editable: (context: RecordContext) => boolean;
  readonly notice?: (context: RecordContext) => Notice | undefined;
  readonly commands: readonly CommandDefinition[];
  /** Read-only panels below the form (the order's back-office status and integration timeline). */
  readonly panels?: readonly { readonly name: string; readonly Panel: ComponentType<PanelProps> }[];
}

export interface PanelProps {
  readonly recordId: string;
  /** Changes each time the form reloads the record, so a panel reloads with it. */
  readonly refreshKey: number;
}

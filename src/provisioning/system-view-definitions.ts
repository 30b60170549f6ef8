/**
 * The system views Orderline ships, as Dynamics 365 Sales ships them for its tables: per table an
 * "Active …" default view, the "My …" views restricted to the caller's rows (`eq-userid`), and the
 * views of the sales pipeline's stages (Submitted Orders, Paid Invoices, …). Each is data: which rows
 * (conditions), in which order, and the grid's columns with their widths in pixels.
 *
 * Ids are fixed so every process, and every database, names a view the same way. They follow the
 * pattern of Dataverse's own system view ids, `00000000-0000-0000-00aa-0000 1 <type code, 4 digits>
 * <number, 3 digits>`: "Active Accounts" is 00000000-0000-0000-00aa-000010001002 and "Open
 * Opportunities" 00000000-0000-0000-00aa-000010003001 in Dataverse too ("Retrieve and execute
 * predefined queries"); the others take the next numbers under their table's type code.
 */

/** A FetchXML `<condition>`: one value, several (`in`), or none (`eq-userid`). */
export interface ViewCondition {
  readonly attribute: string;
  readonly operator: 'eq' | 'ne' | 'in' | 'eq-userid';
  readonly values?: readonly (string | number)[];
}

export interface SystemViewDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly table: string;
  /** The view a table opens with: exactly one per table. */
  readonly isDefault?: boolean;
  readonly conditions: readonly ViewCondition[];
  readonly order: { readonly attribute: string; readonly descending: boolean };
  /** The grid's columns, left to right, with their widths. */
  readonly cells: readonly (readonly [column: string, width: number])[];
}

/** Dataverse's object type codes of the tables that have system views. */
const TYPE_CODES: Readonly<Record<string, number>> = {
  account: 1,
  contact: 2,
  opportunity: 3,
  pricelevel: 1022,
  product: 1024,
  quote: 1084,
  salesorder: 1088,
  invoice: 1090,
};

export function typeCodeOf(table: string): number {
  const code = TYPE_CODES[table];
  if (code === undefined) throw new Error(`no object type code for ${table}`);
  return code;
}

function viewId(table: string, number: number): string {
  return `00000000-0000-0000-00aa-00001${String(typeCodeOf(table)).padStart(4, '0')}${String(number).padStart(3, '0')}`;
}

const state = (value: number): ViewCondition => ({ attribute: 'statecode', operator: 'eq', values: [value] });
const states = (...values: number[]): ViewCondition => ({ attribute: 'statecode', operator: 'in', values });
const mine: ViewCondition = { attribute: 'ownerid', operator: 'eq-userid' };
const byName = { attribute: 'name', descending: false } as const;
const newestFirst = { attribute: 'createdon', descending: true } as const;

const ACCOUNT_CELLS = [
  ['name', 300],
  ['telephone1', 125],
  ['address1_city', 150],
  ['primarycontactid', 150],
  ['emailaddress1', 150],
] as const;
const CONTACT_CELLS = [
  ['fullname', 300],
  ['parentcustomerid', 150],
  ['emailaddress1', 200],
  ['telephone1', 125],
] as const;
const OPPORTUNITY_CELLS = [
  ['name', 300],
  ['customerid', 150],
  ['estimatedclosedate', 125],
  ['estimatedvalue', 125],
  ['ownerid', 125],
] as const;
const QUOTE_CELLS = [
  ['quotenumber', 100],
  ['name', 300],
  ['customerid', 150],
  ['statecode', 100],
  ['totalamount', 125],
  ['ownerid', 125],
] as const;
const ORDER_CELLS = [
  ['ordernumber', 100],
  ['name', 300],
  ['customerid', 150],
  ['statuscode', 100],
  ['totalamount', 125],
  ['ownerid', 125],
] as const;
const INVOICE_CELLS = [
  ['invoicenumber', 100],
  ['name', 300],
  ['customerid', 150],
  ['duedate', 100],
  ['totalamount', 125],
  ['statuscode', 100],
] as const;

export const SYSTEM_VIEWS: readonly SystemViewDefinition[] = [
  {
    id: viewId('account', 1),
    name: 'My Active Accounts',
    description: 'Active accounts owned by the current user.',
    table: 'account',
    conditions: [mine, state(0)],
    order: byName,
    cells: ACCOUNT_CELLS,
  },
  {
    id: viewId('account', 2),
    name: 'Active Accounts',
    description: 'All active accounts.',
    table: 'account',
    isDefault: true,
    conditions: [state(0)],
    order: byName,
    cells: ACCOUNT_CELLS,
  },
  {
    id: viewId('account', 3),
    name: 'Inactive Accounts',
    description: 'Accounts that were deactivated.',
    table: 'account',
    conditions: [state(1)],
    order: byName,
    cells: ACCOUNT_CELLS,
  },
  {
    id: viewId('contact', 1),
    name: 'My Active Contacts',
    description: 'Active contacts owned by the current user.',
    table: 'contact',
    conditions: [mine, state(0)],
    order: { attribute: 'fullname', descending: false },
    cells: CONTACT_CELLS,
  },
  {
    id: viewId('contact', 2),
    name: 'Active Contacts',
    description: 'All active contacts.',
    table: 'contact',
    isDefault: true,
    conditions: [state(0)],
    order: { attribute: 'fullname', descending: false },
    cells: CONTACT_CELLS,
  },
  {
    id: viewId('opportunity', 1),
    name: 'Open Opportunities',
    description: 'Opportunities that are neither won nor lost.',
    table: 'opportunity',
    isDefault: true,
    conditions: [state(0)],
    order: { attribute: 'estimatedclosedate', descending: false },
    cells: OPPORTUNITY_CELLS,
  },
  {
    id: viewId('opportunity', 2),
    name: 'My Open Opportunities',
    description: 'Open opportunities owned by the current user.',
    table: 'opportunity',
    conditions: [mine, state(0)],
    order: { attribute: 'estimatedclosedate', descending: false },
    cells: OPPORTUNITY_CELLS,
  },
  {
    id: viewId('opportunity', 3),
    name: 'Closed Opportunities',
    description: 'Opportunities won or lost.',
    table: 'opportunity',
    conditions: [states(1, 2)],
    order: newestFirst,
    cells: OPPORTUNITY_CELLS,
  },
  {
    id: viewId('quote', 1),
    name: 'Open Quotes',
    description: 'Quotes in draft or active: not yet won, lost, canceled or revised.',
    table: 'quote',
    isDefault: true,
    conditions: [states(0, 1)],
    order: newestFirst,
    cells: QUOTE_CELLS,
  },
  {
    id: viewId('quote', 2),
    name: 'Active Quotes',
    description: 'Quotes activated and sent to their customer.',
    table: 'quote',
    conditions: [state(1)],
    order: newestFirst,
    cells: QUOTE_CELLS,
  },
  {
    id: viewId('quote', 3),
    name: 'Draft Quotes',
    description: 'Quotes still being drafted.',
    table: 'quote',
    conditions: [state(0)],
    order: newestFirst,
    cells: QUOTE_CELLS,
  },
  {
    id: viewId('quote', 4),
    name: 'My Quotes',
    description: 'Every quote owned by the current user.',
    table: 'quote',
    conditions: [mine],
    order: newestFirst,
    cells: QUOTE_CELLS,
  },
  {
    id: viewId('quote', 5),
    name: 'Closed Quotes',
    description: 'Quotes won, lost, canceled or revised.',
    table: 'quote',
    conditions: [states(2, 3)],
    order: newestFirst,
    cells: QUOTE_CELLS,
  },
  {
    id: viewId('salesorder', 1),
    name: 'Active Orders',
    description: 'Orders not yet submitted.',
    table: 'salesorder',
    isDefault: true,
    conditions: [state(0)],
    order: newestFirst,
    cells: ORDER_CELLS,
  },
  {
    id: viewId('salesorder', 2),
    name: 'My Open Orders',
    description: 'Orders not yet submitted, owned by the current user.',
    table: 'salesorder',
    conditions: [mine, state(0)],
    order: newestFirst,
    cells: ORDER_CELLS,
  },
  {
    id: viewId('salesorder', 3),
    name: 'Submitted Orders',
    description: 'Orders submitted to fulfilment.',
    table: 'salesorder',
    conditions: [state(1)],
    order: newestFirst,
    cells: ORDER_CELLS,
  },
  {
    id: viewId('salesorder', 4),
    name: 'Fulfilled Orders',
    description: 'Orders fulfilled, completely or partially.',
    table: 'salesorder',
    conditions: [state(3)],
    order: newestFirst,
    cells: ORDER_CELLS,
  },
  {
    id: viewId('salesorder', 5),
    name: 'My Orders',
    description: 'Every order owned by the current user.',
    table: 'salesorder',
    conditions: [mine],
    order: newestFirst,
    cells: ORDER_CELLS,
  },
  {
    id: viewId('invoice', 1),
    name: 'Active Invoices',
    description: 'Invoices not yet paid or canceled.',
    table: 'invoice',
    isDefault: true,
    conditions: [state(0)],
    order: newestFirst,
    cells: INVOICE_CELLS,
  },
  {
    id: viewId('invoice', 2),
    name: 'My Active Invoices',
    description: 'Active invoices owned by the current user.',
    table: 'invoice',
    conditions: [mine, state(0)],
    order: newestFirst,
    cells: INVOICE_CELLS,
  },
  {
    id: viewId('invoice', 3),
    name: 'Paid Invoices',
    description: 'Invoices paid, completely or partially.',
    table: 'invoice',
    conditions: [state(2)],
    order: newestFirst,
    cells: INVOICE_CELLS,
  },
  {
    id: viewId('product', 1),
    name: 'Active Products',
    description: 'Products that can be added to lines.',
    table: 'product',
    isDefault: true,
    conditions: [state(0)],
    order: byName,
    cells: [
      ['name', 300],
      ['productnumber', 150],
      ['defaultuomid', 100],
      ['price', 100],
    ],
  },
  {
    id: viewId('product', 2),
    name: 'Draft Products',
    description: 'Products not yet published.',
    table: 'product',
    conditions: [state(2)],
    order: byName,
    cells: [
      ['name', 300],
      ['productnumber', 150],
    ],
  },
  {
    id: viewId('pricelevel', 1),
    name: 'Active Price Lists',
    description: 'Price lists in use.',
    table: 'pricelevel',
    isDefault: true,
    conditions: [state(0)],
    order: byName,
    cells: [
      ['name', 300],
      ['transactioncurrencyid', 125],
      ['begindate', 100],
      ['enddate', 100],
    ],
  },
];

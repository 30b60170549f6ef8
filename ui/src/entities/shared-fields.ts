/** Fields and totals the four sales tables share (reference 4.4: the sales header columns). */
import type { FieldDefinition, ListColumn, TotalsDefinition } from './entity-definition';

export const nameField: FieldDefinition = { column: 'name', label: 'Name', kind: 'text', required: true };
export const descriptionField: FieldDefinition = { column: 'description', label: 'Description', kind: 'multiline' };

export const customerField: FieldDefinition = {
  column: 'customerid',
  label: 'Customer',
  kind: 'lookup',
  required: true,
  lookup: { set: 'accounts', id: 'accountid', name: 'name', navigation: 'customerid_account' },
};

export const priceListField: FieldDefinition = {
  column: 'pricelevelid',
  label: 'Price List',
  kind: 'lookup',
  lookup: { set: 'pricelevels', id: 'pricelevelid', name: 'name', navigation: 'pricelevelid' },
  hint: 'Products on the lines are priced from this list.',
};

export const salesTotals: TotalsDefinition = {
  editable: [
    { column: 'discountpercentage', label: 'Discount (%)', kind: 'decimal' },
    { column: 'discountamount', label: 'Discount Amount', kind: 'money' },
    { column: 'freightamount', label: 'Freight Amount', kind: 'money' },
  ],
  computed: [
    { column: 'totallineitemamount', label: 'Detail Amount' },
    { column: 'totaldiscountamount', label: 'Total Discount' },
    { column: 'totalamountlessfreight', label: 'Pre-Freight Amount' },
    { column: 'totaltax', label: 'Total Tax' },
    { column: 'totalamount', label: 'Total Amount' },
  ],
};

export const salesListColumns = (numberColumn: string, numberLabel: string): readonly ListColumn[] => [
  { column: 'name', label: 'Name' },
  { column: numberColumn, label: numberLabel },
  { column: 'customerid', label: 'Customer', lookup: true },
  { column: 'statecode', label: 'Status' },
  { column: 'totalamount', label: 'Total Amount' },
];

/** A state code read from the record (statecode is always selected for tables with a state). */
export const stateOf = (record: Readonly<Record<string, unknown>>): number =>
  typeof record.statecode === 'number' ? record.statecode : -1;

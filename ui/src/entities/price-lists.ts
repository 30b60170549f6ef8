/** Price lists (pricelevel) and their items (productpricelevel): what each product costs per unit. */
import type { EntityDefinition } from './entity-definition';
import { descriptionField } from './shared-fields';

export const priceLists: EntityDefinition = {
  area: 'pricelists',
  set: 'pricelevels',
  logicalName: 'pricelevel',
  id: 'pricelevelid',
  primaryName: 'name',
  singular: 'Price List',
  plural: 'Price Lists',
  listColumns: [
    { column: 'name', label: 'Name' },
    { column: 'transactioncurrencyid', label: 'Currency', lookup: true },
    { column: 'begindate', label: 'Start Date' },
    { column: 'enddate', label: 'End Date' },
  ],
  searchColumns: ['name'],
  fields: [
    { column: 'name', label: 'Name', kind: 'text', required: true },
    {
      column: 'transactioncurrencyid',
      label: 'Currency',
      kind: 'lookup',
      required: true,
      lookup: {
        set: 'transactioncurrencies',
        id: 'transactioncurrencyid',
        name: 'currencyname',
        navigation: 'transactioncurrencyid',
      },
    },
    { column: 'begindate', label: 'Start Date', kind: 'date' },
    { column: 'enddate', label: 'End Date', kind: 'date' },
    descriptionField,
  ],
  priceListItems: true,
  hasState: false,
  editable: () => true,
  commands: [],
};

/** Products of the catalog, with their unit group, default unit and default price list. */
import { productCommands } from '../commands/product-commands';
import type { EntityDefinition } from './entity-definition';
import { descriptionField, priceListField } from './shared-fields';
import { ProductState } from './state-names';

export const products: EntityDefinition = {
  area: 'products',
  set: 'products',
  logicalName: 'product',
  id: 'productid',
  primaryName: 'name',
  singular: 'Product',
  plural: 'Products',
  numberColumn: 'productnumber',
  listColumns: [
    { column: 'name', label: 'Name' },
    { column: 'productnumber', label: 'Product ID' },
    { column: 'price', label: 'List Price' },
    { column: 'statecode', label: 'Status' },
  ],
  searchColumns: ['name', 'productnumber'],
  fields: [
    { column: 'name', label: 'Name', kind: 'text', required: true },
    { column: 'productnumber', label: 'Product ID', kind: 'text', required: true },
    {
      column: 'defaultuomscheduleid',
      label: 'Unit Group',
      kind: 'lookup',
      lookup: { set: 'uomschedules', id: 'uomscheduleid', name: 'name', navigation: 'defaultuomscheduleid' },
    },
    {
      column: 'defaultuomid',
      label: 'Default Unit',
      kind: 'lookup',
      lookup: { set: 'uoms', id: 'uomid', name: 'name', navigation: 'defaultuomid' },
    },
    { ...priceListField, label: 'Default Price List', hint: undefined },
    { column: 'price', label: 'List Price', kind: 'money' },
    descriptionField,
  ],
  hasState: true,
  // Retired products keep their history; every other state can be edited.
  editable: ({ record }) => record.statecode !== ProductState.Retired,
  commands: productCommands,
};

import { lookup, memo, string } from '../columns.js';
import { defineTable } from '../define-table.js';

/** Business unit: the root one is provisioned with the organization; children point at a parent. */
export const businessunit = defineTable({
  logicalName: 'businessunit',
  entitySetName: 'businessunits',
  schemaName: 'BusinessUnit',
  displayName: 'Business Unit',
  displayCollectionName: 'Business Units',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'security',
  columns: [
    string('name', 'Name', 160, { required: 'system' }),
    lookup('parentbusinessunitid', 'Parent Business', 'businessunit', {
      navigation: 'parentbusinessunitid',
      relationship: { name: 'business_unit_parent_business_unit', onDelete: 'restrict' },
    }),
    memo('description', 'Description', 2000),
  ],
});

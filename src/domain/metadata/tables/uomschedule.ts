import { createOnly, memo, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';

/** Unit Group (reference 4.6). Creating one with `baseuomname` also creates its base unit. */
export const uomschedule = defineTable({
  logicalName: 'uomschedule',
  entitySetName: 'uomschedules',
  schemaName: 'UoMSchedule',
  displayName: 'Unit Group',
  displayCollectionName: 'Unit Groups',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  states: [state(0, 'Active', 1, { 1: 'Active' }), state(1, 'Inactive', 2, { 2: 'Inactive' })],
  columns: [
    string('name', 'Name', 200, { required: 'system' }),
    string('baseuomname', 'Base Unit Name', 100, { ...createOnly, required: 'system' }),
    memo('description', 'Description', 2000),
  ],
});

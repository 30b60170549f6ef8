import { boolean, createOnly, decimal, lookup, readOnly, string } from '../columns.js';
import { defineTable } from '../define-table.js';

/** Unit (reference 4.6): `quantity` base units of `baseuom`, within one unit group. */
export const uom = defineTable({
  logicalName: 'uom',
  entitySetName: 'uoms',
  schemaName: 'UoM',
  displayName: 'Unit',
  displayCollectionName: 'Units',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  columns: [
    string('name', 'Name', 100, { required: 'system' }),
    lookup('uomscheduleid', 'Unit Schedule', 'uomschedule', {
      ...createOnly,
      required: 'system',
      relationship: { name: 'unit_of_measure_schedule_conversions', onDelete: 'cascade' },
    }),
    lookup('baseuom', 'Base Unit', 'uom', {
      navigation: 'baseuom',
      required: 'application',
      relationship: { name: 'unit_of_measurement_base_unit', onDelete: 'restrict' },
    }),
    decimal('quantity', 'Quantity', { precision: 5, min: '0', max: '10000000000' }, { required: 'application' }),
    boolean('isschedulebaseuom', 'Is Schedule Base Unit', {}, readOnly),
  ],
});

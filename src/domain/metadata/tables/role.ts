import { lookup, string } from '../columns.js';
import { defineTable } from '../define-table.js';

/** Security role (reference 9.1), granted to users through `systemuserroles_association`. */
export const role = defineTable({
  logicalName: 'role',
  entitySetName: 'roles',
  schemaName: 'Role',
  displayName: 'Security Role',
  displayCollectionName: 'Security Roles',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'security',
  columns: [
    string('name', 'Name', 100, { required: 'system' }),
    lookup('businessunitid', 'Business Unit', 'businessunit', {
      relationship: { name: 'business_unit_roles', onDelete: 'restrict' },
    }),
  ],
});

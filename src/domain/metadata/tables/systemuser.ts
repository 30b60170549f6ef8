import { boolean, lookup, picklist, readOnly, string, uniqueidentifier } from '../columns.js';
import { defineTable } from '../define-table.js';

/**
 * User (reference 3.2). `fullname` is computed by the server from first and last name;
 * `ol_saleslicense` is Orderline's own license column (PRODUCT.md C4).
 */
export const systemuser = defineTable({
  logicalName: 'systemuser',
  entitySetName: 'systemusers',
  schemaName: 'SystemUser',
  displayName: 'User',
  displayCollectionName: 'Users',
  primaryName: 'fullname',
  ownership: 'organization',
  privilegeGroup: 'security',
  columns: [
    string('domainname', 'User Name', 1024, { required: 'system' }),
    string('firstname', 'First Name', 256),
    string('lastname', 'Last Name', 256),
    string('fullname', 'Full Name', 200, readOnly),
    string('internalemailaddress', 'Primary Email', 100),
    boolean('isintegrationuser', 'Integration user mode', { default: false }),
    picklist(
      'ol_saleslicense',
      'Sales License',
      { 0: 'None', 1: 'Sales Professional', 2: 'Sales Enterprise', 3: 'Sales Premium' },
      { default: 0 },
    ),
    picklist(
      'accessmode',
      'Access Mode',
      {
        0: 'Read-Write',
        1: 'Administrative',
        2: 'Read',
        3: 'Support User',
        4: 'Non-interactive',
        5: 'Delegated Admin',
      },
      { default: 0 },
    ),
    boolean('isdisabled', 'Status', { trueLabel: 'Disabled', falseLabel: 'Enabled', default: false }),
    boolean('islicensed', 'User Licensed', { default: true }),
    uniqueidentifier('azureactivedirectoryobjectid', 'Azure AD Object ID'),
    uniqueidentifier('applicationid', 'Application ID'),
    lookup('businessunitid', 'Business Unit', 'businessunit', {
      required: 'system',
      relationship: { name: 'business_unit_system_users', onDelete: 'restrict' },
    }),
  ],
});

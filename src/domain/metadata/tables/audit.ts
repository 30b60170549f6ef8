import { lookup, memo, picklist, readOnly, string, uniqueidentifier } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { LookupColumn, TableMetadata } from '../table-metadata.js';

/** The tables whose changes are audited (PRODUCT.md C6): orders, their lines, invoices, theirs, the settings. */
export const AUDITED_TABLES = ['salesorder', 'salesorderdetail', 'invoice', 'invoicedetail', 'organization'] as const;

/**
 * `objectid`: the audited row, a lookup to any audited table. Like a Customer lookup it keeps the table
 * it points at beside the id (`objectidtype`), so `_objectid_value` is filterable and annotated with
 * the right `lookuplogicalname`. No relationship: audit rows outlive the rows they describe.
 */
const objectid: LookupColumn = {
  name: 'objectid',
  label: 'Record',
  required: 'none',
  validForCreate: false,
  validForUpdate: false,
  writtenBy: 'system',
  type: 'customer',
  // systemuser: sign-in attempts are audited on the user signing in (src/security/sign-in-audit.ts).
  targets: [...AUDITED_TABLES, 'systemuser'].map((table) => ({ table, navigation: `objectid_${table}` })),
};

const defined = defineTable({
  logicalName: 'audit',
  entitySetName: 'audits',
  schemaName: 'Audit',
  displayName: 'Auditing',
  displayCollectionName: 'Audits',
  primaryName: 'objecttypecode',
  ownership: 'organization',
  // Reading the audit trail is an administrative privilege in Dataverse (prvReadAuditSummary): the
  // security group gives it to System Administrators, System Customizers and Sales Managers.
  privilegeGroup: 'security',
  columns: [
    lookup('userid', 'Changed By', 'systemuser', readOnly),
    lookup('callinguserid', 'Calling User', 'systemuser', readOnly),
    picklist('operation', 'Operation', { 1: 'Create', 2: 'Update', 3: 'Delete', 4: 'Access' }, readOnly),
    picklist(
      'action',
      'Event',
      {
        1: 'Create',
        2: 'Update',
        3: 'Delete',
        33: 'Associate Entities',
        34: 'Disassociate Entities',
        64: 'User Access via Web',
        // Orderline's own: Dataverse leaves failed sign-ins to Microsoft Entra's sign-in logs.
        100000000: 'Failed Sign-in',
      },
      readOnly,
    ),
    string('objecttypecode', 'Entity', 64, readOnly),
    objectid,
    memo('changedata', 'Change Data', 1_048_576, readOnly),
    uniqueidentifier('transactionid', 'Transaction', readOnly),
  ],
});

/**
 * Audit (PRODUCT.md C6): who changed what on orders, order lines, invoices and the organization
 * settings. Written only by the server (the audit step); every column is read-only to clients.
 */
export const audit: TableMetadata = {
  ...defined,
  columns: defined.columns.map((column) => ({
    ...column,
    validForCreate: false,
    validForUpdate: false,
    writtenBy: 'system' as const,
  })),
};

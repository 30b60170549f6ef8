import { describe, expect, it } from 'vitest';
import type { NavigationProperty } from './metadata-registry.js';
import { createSalesMetadata } from './sales-metadata.js';
import type { ColumnMetadata, MoneyColumn, TableMetadata } from './table-metadata.js';

const metadata = createSalesMetadata();

function table(logicalName: string): TableMetadata {
  const found = metadata.table(logicalName);
  if (!found) throw new Error(`no table ${logicalName}`);
  return found;
}

function column(logicalName: string, name: string): ColumnMetadata {
  const found = metadata.column(table(logicalName), name);
  if (!found) throw new Error(`no column ${logicalName}.${name}`);
  return found;
}

function moneyColumn(logicalName: string, name: string): MoneyColumn {
  const found = column(logicalName, name);
  if (found.type !== 'money') throw new Error(`${logicalName}.${name} is ${found.type}, not money`);
  return found;
}

describe('sales metadata', () => {
  it('builds a registry of the 32 tables (the 26 of PRODUCT.md C1 and audit, the bridge tables, the two view tables), every lookup pointing at a served table', () => {
    expect(metadata.tables).toHaveLength(32);
    expect(new Set(metadata.tables.map((t) => t.logicalName)).size).toBe(32);
  });

  describe('serves every table of PRODUCT.md C1 under its entity set, with its primary key', () => {
    it.each([
      ['organization', 'organizations', 'organizationid'],
      ['systemuser', 'systemusers', 'systemuserid'],
      ['role', 'roles', 'roleid'],
      ['businessunit', 'businessunits', 'businessunitid'],
      ['account', 'accounts', 'accountid'],
      ['contact', 'contacts', 'contactid'],
      ['transactioncurrency', 'transactioncurrencies', 'transactioncurrencyid'],
      ['uomschedule', 'uomschedules', 'uomscheduleid'],
      ['uom', 'uoms', 'uomid'],
      ['product', 'products', 'productid'],
      ['pricelevel', 'pricelevels', 'pricelevelid'],
      ['productpricelevel', 'productpricelevels', 'productpricelevelid'],
      ['discounttype', 'discounttypes', 'discounttypeid'],
      ['discount', 'discounts', 'discountid'],
      ['opportunity', 'opportunities', 'opportunityid'],
      ['opportunityproduct', 'opportunityproducts', 'opportunityproductid'],
      ['quote', 'quotes', 'quoteid'],
      ['quotedetail', 'quotedetails', 'quotedetailid'],
      ['salesorder', 'salesorders', 'salesorderid'],
      ['salesorderdetail', 'salesorderdetails', 'salesorderdetailid'],
      ['invoice', 'invoices', 'invoiceid'],
      ['invoicedetail', 'invoicedetails', 'invoicedetailid'],
      ['quoteclose', 'quotecloses', 'activityid'],
      ['orderclose', 'ordercloses', 'activityid'],
      ['opportunityclose', 'opportunitycloses', 'activityid'],
      ['audit', 'audits', 'auditid'],
      ['savedquery', 'savedqueries', 'savedqueryid'],
      ['userquery', 'userqueries', 'userqueryid'],
    ])('%s is served as %s with key %s', (logicalName, entitySet, primaryId) => {
      const served = metadata.tableBySet(entitySet);
      expect(served?.logicalName).toBe(logicalName);
      expect(served?.primaryId).toBe(primaryId);
      expect(column(logicalName, primaryId).type).toBe('uniqueidentifier');
      expect(metadata.column(table(logicalName), table(logicalName).primaryName)).toBeDefined();
    });
  });

  describe('state and status codes are those of reference 4.2', () => {
    type Expected = [state: number, label: string, defaultStatus: number, statuses: Record<number, string>][];
    const expected: Record<string, Expected> = {
      salesorder: [
        [0, 'Active', 1, { 1: 'New', 2: 'Pending' }],
        [1, 'Submitted', 3, { 3: 'In Progress' }],
        [2, 'Canceled', 4, { 4: 'No Money' }],
        [3, 'Fulfilled', 100001, { 100001: 'Complete', 100002: 'Partial' }],
        [4, 'Invoiced', 100003, { 100003: 'Invoiced' }],
      ],
      quote: [
        [0, 'Draft', 1, { 1: 'In Progress' }],
        [1, 'Active', 2, { 2: 'In Progress', 3: 'Open' }],
        [2, 'Won', 4, { 4: 'Won' }],
        [3, 'Closed', 7, { 5: 'Lost', 6: 'Canceled', 7: 'Revised' }],
      ],
      invoice: [
        [
          0,
          'Active',
          1,
          {
            1: 'New',
            2: 'Partially Shipped',
            4: 'Billed',
            5: 'Booked (applies to services)',
            6: 'Installed (applies to services)',
          },
        ],
        // The reference prints 100003 here, a status of state 3; the default must be one of this state's own.
        [1, 'Closed (deprecated)', 3, { 3: 'Canceled (deprecated)', 7: 'Paid in Full (deprecated)' }],
        [2, 'Paid', 100001, { 100001: 'Complete', 100002: 'Partial' }],
        [3, 'Canceled', 100003, { 100003: 'Canceled' }],
      ],
      opportunity: [
        [0, 'Open', 1, { 1: 'In Progress', 2: 'On Hold' }],
        [1, 'Won', 3, { 3: 'Won' }],
        [2, 'Lost', 4, { 4: 'Canceled', 5: 'Out-Sold' }],
      ],
      product: [
        [0, 'Active', 1, { 1: 'Active' }],
        [1, 'Retired', 2, { 2: 'Retired' }],
        [2, 'Draft', 0, { 0: 'Draft' }],
        [3, 'Under Revision', 3, { 3: 'Under Revision' }],
      ],
    };

    const rows = Object.entries(expected).flatMap(([logicalName, states]) =>
      states.map(([value, label, defaultStatus, statuses]) => ({ logicalName, value, label, defaultStatus, statuses })),
    );

    it.each(rows)('$logicalName state $value $label (default status $defaultStatus)', (row) => {
      const found = table(row.logicalName).states.find((s) => s.value === row.value);
      expect(found).toEqual({
        value: row.value,
        label: row.label,
        defaultStatus: row.defaultStatus,
        statuses: Object.entries(row.statuses).map(([value, label]) => ({ value: Number(value), label })),
      });
    });

    it.each(Object.entries(expected))('%s has no state beyond the reference', (logicalName, states) => {
      expect(table(logicalName).states.map((s) => s.value)).toEqual(states.map(([value]) => value));
    });

    it('every state of every table defaults to one of its own statuses, and no status is shared', () => {
      for (const t of metadata.tables) {
        const all = t.states.flatMap((s) => s.statuses.map((status) => status.value));
        expect(new Set(all).size, t.logicalName).toBe(all.length);
        for (const s of t.states) {
          expect(
            s.statuses.map((status) => status.value),
            `${t.logicalName} ${s.label}`,
          ).toContain(s.defaultStatus);
        }
      }
    });

    it.each([
      ['salesorder', 0],
      ['quote', 0],
      ['invoice', 0],
      ['opportunity', 0],
      ['product', 2],
    ])('a new %s starts in state %i', (logicalName, initial) => {
      expect(table(logicalName).initialState).toBe(initial);
    });
  });

  describe('organization columns default as the contract provisions them', () => {
    it.each([
      ['pricingdecimalprecision', 2],
      ['discountcalculationmethod', 0],
      ['oobpricecalculationenabled', true],
      ['issopintegrationenabled', false],
    ])('%s defaults to %s', (name, value) => {
      const found = column('organization', name);
      expect('default' in found ? found.default : undefined).toBe(value);
    });
  });

  describe('navigation properties', () => {
    it.each<[string, string, NavigationProperty['kind'], string]>([
      ['salesorder', 'order_details', 'collection', 'salesorderdetail'],
      ['quote', 'quote_details', 'collection', 'quotedetail'],
      ['invoice', 'invoice_details', 'collection', 'invoicedetail'],
      ['opportunity', 'product_opportunities', 'collection', 'opportunityproduct'],
      ['salesorder', 'customerid_account', 'single', 'account'],
      ['salesorder', 'customerid_contact', 'single', 'contact'],
      ['quote', 'customerid_account', 'single', 'account'],
      ['invoice', 'customerid_contact', 'single', 'contact'],
      ['systemuser', 'systemuserroles_association', 'manyToMany', 'role'],
      ['role', 'systemuserroles_association', 'manyToMany', 'systemuser'],
    ])('%s.%s is a %s navigation to %s', (logicalName, name, kind, target) => {
      const navigation = metadata.navigation(table(logicalName), name);
      expect(navigation?.kind).toBe(kind);
      expect(navigation?.target.logicalName).toBe(target);
    });
  });

  describe('money precision', () => {
    it.each(['opportunityproduct', 'quotedetail', 'salesorderdetail', 'invoicedetail'])(
      '%s.priceperunit takes the organization pricing precision (source 1)',
      (logicalName) => {
        expect(moneyColumn(logicalName, 'priceperunit').precisionSource).toBe(1);
      },
    );

    const totals = [
      'totallineitemamount',
      'totallineitemdiscountamount',
      'totaldiscountamount',
      'totalamountlessfreight',
      'totaltax',
      'totalamount',
      'discountamount',
      'freightamount',
    ];
    const headerRows = ['opportunity', 'quote', 'salesorder', 'invoice'].flatMap((header) =>
      totals.map((name) => [header, name] as const),
    );

    it.each(headerRows)('%s.%s takes the record currency precision (source 2)', (header, name) => {
      expect(moneyColumn(header, name).precisionSource).toBe(2);
    });

    const lineRows = ['opportunityproduct', 'quotedetail', 'salesorderdetail', 'invoicedetail'].flatMap((line) =>
      ['priceperunit', 'baseamount', 'extendedamount', 'manualdiscountamount', 'tax', 'volumediscountamount'].map(
        (name) => [line, name] as const,
      ),
    );

    it.each([...headerRows, ...lineRows])('%s.%s has a read-only _base twin at precision 4', (logicalName, name) => {
      const base = moneyColumn(logicalName, `${name}_base`);
      expect(base).toMatchObject({ precision: 4, baseOf: name, validForCreate: false, validForUpdate: false });
    });
  });

  describe('table-level settings', () => {
    it('accepts change tracking on salesorder, salesorderdetail and invoice', () => {
      for (const name of ['salesorder', 'salesorderdetail', 'invoice']) {
        expect(table(name).changeTracking, name).toBe(true);
      }
    });

    it('lines and close activities follow their parent through a system-required lookup', () => {
      for (const [logicalName, parent] of [
        ['opportunityproduct', 'opportunityid'],
        ['quotedetail', 'quoteid'],
        ['salesorderdetail', 'salesorderid'],
        ['invoicedetail', 'invoiceid'],
        ['quoteclose', 'quoteid'],
        ['orderclose', 'salesorderid'],
        ['opportunityclose', 'opportunityid'],
      ] as const) {
        expect(table(logicalName).parentLookup).toBe(parent);
        expect(column(logicalName, parent)).toMatchObject({ type: 'lookup', required: 'system' });
      }
    });

    it('user-owned tables carry ownerid; organization-owned ones do not', () => {
      for (const t of metadata.tables) {
        expect(metadata.column(t, 'ownerid') !== undefined, t.logicalName).toBe(t.ownership === 'user');
      }
    });
  });
});

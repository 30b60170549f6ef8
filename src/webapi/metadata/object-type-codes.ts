/**
 * `ObjectTypeCode`s: Dataverse's standard tables keep the codes Dataverse gives them (clients and old
 * form scripts still compare them), Orderline's own tables take codes from 10,000 up, where Dataverse
 * numbers custom tables, in the order of their logical names.
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';

const STANDARD_CODES: Readonly<Record<string, number>> = {
  account: 1,
  contact: 2,
  opportunity: 3,
  systemuser: 8,
  businessunit: 10,
  discount: 1013,
  organization: 1019,
  pricelevel: 1022,
  product: 1024,
  productpricelevel: 1026,
  role: 1036,
  uom: 1055,
  uomschedule: 1056,
  discounttype: 1080,
  opportunityproduct: 1083,
  quote: 1084,
  quotedetail: 1085,
  salesorder: 1088,
  salesorderdetail: 1089,
  invoice: 1090,
  invoicedetail: 1091,
  opportunityclose: 4208,
  orderclose: 4209,
  quoteclose: 4211,
  audit: 4567,
  transactioncurrency: 9105,
};

/** The first code Dataverse gives a custom table. */
const FIRST_CUSTOM_CODE = 10_000;

export function objectTypeCodes(tables: readonly TableMetadata[]): ReadonlyMap<string, number> {
  const codes = new Map<string, number>();
  const custom = tables
    .map((table) => table.logicalName)
    .filter((name) => STANDARD_CODES[name] === undefined)
    .sort();
  for (const table of tables) {
    const standard = STANDARD_CODES[table.logicalName];
    codes.set(table.logicalName, standard ?? FIRST_CUSTOM_CODE + custom.indexOf(table.logicalName));
  }
  return codes;
}

/** Orderline's own tables and columns carry its `ol_` publisher prefix; the rest are Dataverse's. */
export function isCustomName(logicalName: string): boolean {
  return logicalName.startsWith('ol_');
}

/**
 * Catalog and customer rows found by the name a person gives them (a price list's name, a product's
 * number): the demo data finds what an earlier seeding added. Reads outside the record repository.
 */
import type { TypedExecutor } from '../database/database.js';

export interface PriceListIds {
  readonly priceListId: string;
  readonly currencyId: string;
}

export async function priceListByName(trx: TypedExecutor, name: string): Promise<PriceListIds | undefined> {
  const row = await trx
    .selectFrom('pricelevel')
    .select(['pricelevelid', 'transactioncurrencyid'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? { priceListId: String(row.pricelevelid), currencyId: String(row.transactioncurrencyid) } : undefined;
}

export async function unitGroupIdByName(trx: TypedExecutor, name: string): Promise<string | undefined> {
  const row = await trx.selectFrom('uomschedule').select('uomscheduleid').where('name', '=', name).executeTakeFirst();
  return row ? String(row.uomscheduleid) : undefined;
}

export async function discountListIdByName(trx: TypedExecutor, name: string): Promise<string | undefined> {
  const row = await trx.selectFrom('discounttype').select('discounttypeid').where('name', '=', name).executeTakeFirst();
  return row ? String(row.discounttypeid) : undefined;
}

export async function accountIdByNumber(trx: TypedExecutor, accountNumber: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('account')
    .select('accountid')
    .where('accountnumber', '=', accountNumber)
    .executeTakeFirst();
  return row ? String(row.accountid) : undefined;
}

/** Product ids by product number, for the numbers that exist. */
export async function productIdsByNumber(
  trx: TypedExecutor,
  productNumbers: readonly string[],
): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('product')
    .select(['productid', 'productnumber'])
    .where('productnumber', 'in', productNumbers)
    .execute();
  return new Map(rows.map((row) => [String(row.productnumber), String(row.productid)]));
}

/** Whether the catalog has any product at all. */
export async function hasAnyProduct(trx: TypedExecutor): Promise<boolean> {
  const row = await trx.selectFrom('product').select('productid').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A unit of the unit group (its base unit, the only one a new group has); throws when it has none. */
export async function firstUnitOfGroup(trx: TypedExecutor, unitGroupId: string): Promise<string> {
  const row = await trx
    .selectFrom('uom')
    .select('uomid')
    .where('uomscheduleid', '=', unitGroupId)
    .executeTakeFirstOrThrow();
  return String(row.uomid);
}

/** The unit of the unit group with this name; throws when there is none. */
export async function unitOfGroupByName(trx: TypedExecutor, unitGroupId: string, name: string): Promise<string> {
  const row = await trx
    .selectFrom('uom')
    .select('uomid')
    .where('uomscheduleid', '=', unitGroupId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return String(row.uomid);
}

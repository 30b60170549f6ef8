/**
 * `orderline seed --demo`: a demo company to explore every screen and state of Orderline, built on the
 * starter demo of `serve --demo` (demo-data.ts, added first when missing):
 *
 * - a catalog of 20 active products in four product families, in three unit groups (one with a
 *   "Box of 10" unit, one counted in hours and days), on two USD price lists priced differently
 *   (Retail USD: currency amounts with the "Volume tiers" discount list; Wholesale USD: 85 % of the list
 *   price, rounded down to end in .99);
 * - ten customer accounts with their contacts, and four salespeople (a manager and three reps) who own
 *   the deals;
 * - opportunities (open, won, lost), quotes (draft, active, won, lost, revised) and orders in every
 *   state: Active, Canceled, Fulfilled, Invoiced (one invoice paid) and, once the order processing
 *   integration is turned on, Submitted. The integration is left on, as a team using the back office
 *   would have it.
 *
 * Everything goes through the write pipeline and the Sales messages (CancelSalesOrder,
 * ConvertQuoteToSalesOrder, ...) in one unit of work, so it is priced, numbered and audited like a
 * user's data, and a failure leaves nothing behind. What the company holds is data, in sales-demo-data.ts.
 */

import { Decimal } from '../domain/decimal.js';
import { isLookup } from '../domain/metadata/metadata-registry.js';
import {
  InvoiceState,
  InvoiceStatus,
  ProductState,
  ProductStatus,
  QuoteState,
  QuoteStatus,
  SalesOrderState,
  SalesOrderStatus,
} from '../domain/metadata/named-states.js';
import { salesorder } from '../domain/metadata/tables/salesorder.js';
import type { Row } from '../domain/record.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import {
  cancelSalesOrder,
  closeQuote,
  fulfillSalesOrder,
  loseOpportunity,
  winOpportunity,
} from '../pipeline/messages/close-record.js';
import { convertQuoteToSalesOrder } from '../pipeline/messages/convert-quote-to-sales-order.js';
import { convertSalesOrderToInvoice } from '../pipeline/messages/convert-sales-order-to-invoice.js';
import { reviseQuote } from '../pipeline/messages/revise-quote.js';
import { updateRecord } from '../pipeline/record-writer.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { WriteInput } from '../pipeline/write-input.js';
import { firstUnitOfGroup, hasAnyProduct, priceListByName } from '../storage/repositories/catalog-lookups.js';
import { requireOrganizationId } from '../storage/repositories/organization-store.js';
import { invoiceIdOfOrder, orderIdOfQuote, orderStateCodes } from '../storage/repositories/sales-document-lookups.js';
import { allRoles, grantRole } from '../storage/repositories/user-store.js';
import { addStarterDemo, adminCaller, findStarterDemo, type StarterDemo } from './demo-data.js';
import { createAsSystem } from './first-start.js';
import {
  ACCOUNTS,
  BOX_PRICE,
  type Deal,
  type DemoProduct,
  FAMILIES,
  type Line,
  OPPORTUNITIES,
  ORDERS,
  type QuoteOutcome,
  SALESPEOPLE,
  type UnitName,
} from './sales-demo-data.js';

/** Its presence tells that the demo company is already there. */
const WHOLESALE_PRICE_LIST = 'Wholesale USD';

export type SalesDemoOutcome =
  | { readonly added: true; readonly ordersByState: Readonly<Record<string, number>> }
  | { readonly added: false; readonly reason: string };

interface Demo {
  readonly starter: StarterDemo;
  readonly units: ReadonlyMap<UnitName, string>;
  readonly products: ReadonlyMap<string, string>;
  readonly priceLists: { readonly retail: string; readonly wholesale: string };
  readonly accounts: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
}

export async function seedSalesDemo(services: PipelineServices, adminUserId: string): Promise<SalesDemoOutcome> {
  const caller = await adminCaller(services, adminUserId);
  return inUnitOfWork(services, caller, async (context): Promise<SalesDemoOutcome> => {
    if (await priceListByName(context.trx, WHOLESALE_PRICE_LIST))
      return { added: false, reason: `the demo is already there (the price list ${WHOLESALE_PRICE_LIST} exists)` };
    let starter = await findStarterDemo(context);
    if (!starter) {
      if (await hasAnyProduct(context.trx)) {
        return {
          added: false,
          reason:
            'the database already has products that are not the demo’s; the demo goes on a new database (or one started with serve --demo)',
        };
      }
      starter = await addStarterDemo(context);
    }
    const demo = await addCatalog(context, starter);
    const withPeople = { ...demo, accounts: await addAccounts(context, starter), users: await addSalespeople(context) };
    await addOpportunitiesAndQuotes(context, withPeople);
    await addOrders(context, withPeople);
    return { added: true, ordersByState: await countOrdersByState(context) };
  });
}

async function addCatalog(context: ExecutionContext, starter: StarterDemo): Promise<Omit<Demo, 'accounts' | 'users'>> {
  const packs = await createAsSystem(context, 'uomschedule', { name: 'Packs', baseuomname: 'Each' });
  const time = await createAsSystem(context, 'uomschedule', { name: 'Service Time', baseuomname: 'Hour' });
  const each = await baseUnitOf(context, packs);
  const hour = await baseUnitOf(context, time);
  const units = new Map<UnitName, string>([
    ['Primary Unit', starter.unit],
    ['Each', each],
    ['Hour', hour],
    ['Box of 10', await createUnit(context, packs, each, 'Box of 10', 10)],
    ['Day', await createUnit(context, time, hour, 'Day', 8)],
  ]);
  const groupOf = (unit: UnitName) =>
    unit === 'Each' || unit === 'Box of 10' ? packs : unit === 'Hour' || unit === 'Day' ? time : starter.unitGroup;

  const wholesale = await createAsSystem(context, 'pricelevel', {
    name: WHOLESALE_PRICE_LIST,
    transactioncurrencyid: starter.currency,
    description: 'Resellers and framework agreements: 85 % of the list price, rounded down to end in .99.',
  });
  const products = new Map(starter.products);
  const catalog: DemoProduct[] = [];
  for (const family of FAMILIES) {
    const familyId = await createAsSystem(context, 'product', {
      name: family.name,
      productnumber: family.productnumber,
      productstructure: 2,
      statecode: ProductState.Active,
      statuscode: ProductStatus.Active,
    });
    for (const item of family.products) {
      const unit = item.unit ?? 'Primary Unit';
      const id = await createAsSystem(context, 'product', {
        name: item.name,
        productnumber: item.productnumber,
        parentproductid: familyId,
        producttypecode: item.type ?? 1,
        defaultuomscheduleid: groupOf(unit),
        defaultuomid: units.get(unit)!,
        pricelevelid: starter.priceList,
        price: new Decimal(item.price),
        ...(item.cost ? { currentcost: new Decimal(item.cost), standardcost: new Decimal(item.cost) } : {}),
        isstockitem: (item.type ?? 1) === 1,
        statecode: ProductState.Active,
        statuscode: ProductStatus.Active,
      });
      products.set(item.productnumber, id);
      catalog.push(item);
      await createAsSystem(context, 'productpricelevel', {
        pricelevelid: starter.priceList,
        productid: id,
        uomid: units.get(unit)!,
        uomscheduleid: groupOf(unit),
        pricingmethodcode: 1,
        amount: new Decimal(item.price),
        ...(item.tiered ? { discounttypeid: starter.volumeTiers } : {}),
      });
    }
  }
  await createAsSystem(context, 'productpricelevel', {
    pricelevelid: starter.priceList,
    productid: products.get(BOX_PRICE.productnumber)!,
    uomid: units.get(BOX_PRICE.unit)!,
    uomscheduleid: packs,
    pricingmethodcode: 1,
    amount: new Decimal(BOX_PRICE.amount),
    discounttypeid: starter.volumeTiers,
  });
  // Wholesale prices every sellable product (the starter's too) as a percentage of its list price.
  const starterUnits = [...starter.products.keys()].map((number) => ({ number, unit: 'Primary Unit' as UnitName }));
  const sellable = [
    ...starterUnits,
    ...catalog.map((item) => ({ number: item.productnumber, unit: item.unit ?? 'Primary Unit' })),
  ];
  for (const { number, unit } of sellable) {
    await createAsSystem(context, 'productpricelevel', {
      pricelevelid: wholesale,
      productid: products.get(number)!,
      uomid: units.get(unit)!,
      uomscheduleid: groupOf(unit),
      pricingmethodcode: 2, // Percent of List
      percentage: new Decimal(85),
      roundingpolicycode: 3, // Down
      roundingoptioncode: 1, // Ends in
      roundingoptionamount: new Decimal('0.99'),
    });
  }
  return { starter, units, products, priceLists: { retail: starter.priceList, wholesale } };
}

function baseUnitOf(context: ExecutionContext, group: string): Promise<string> {
  return firstUnitOfGroup(context.trx, group);
}

function createUnit(context: ExecutionContext, group: string, base: string, name: string, quantity: number) {
  return createAsSystem(context, 'uom', { name, uomscheduleid: group, baseuom: base, quantity: new Decimal(quantity) });
}

async function addAccounts(context: ExecutionContext, starter: StarterDemo): Promise<Map<string, string>> {
  const accounts = new Map([['CONTOSO', starter.account]]);
  for (const account of ACCOUNTS) {
    const domain = account.name
      .toLowerCase()
      .replace(/[^a-z]+/g, '')
      .replace(/inc$/, '');
    const id = await createAsSystem(context, 'account', {
      name: account.name,
      accountnumber: account.accountnumber,
      telephone1: account.telephone1,
      address1_city: account.city,
      address1_country: account.country,
      websiteurl: `https://www.${domain}.example`,
      emailaddress1: `orders@${domain}.example`,
    });
    accounts.set(account.accountnumber, id);
    let primary: string | undefined;
    for (const [firstname, lastname, jobtitle] of account.contacts) {
      const contact = await createAsSystem(context, 'contact', {
        firstname,
        lastname,
        jobtitle,
        emailaddress1: `${firstname.toLowerCase()}.${lastname.toLowerCase()}@${domain}.example`,
        parentcustomerid: id,
        parentcustomeridtype: 'account',
      });
      primary ??= contact;
    }
    if (primary) await asSystemUpdate(context, 'account', id, { primarycontactid: primary });
  }
  return accounts;
}

async function addSalespeople(context: ExecutionContext): Promise<Map<string, string>> {
  const users = new Map<string, string>();
  const roles = await allRoles(context.trx);
  for (const person of SALESPEOPLE) {
    const id = await createAsSystem(context, 'systemuser', {
      domainname: person.domainname,
      firstname: person.firstname,
      lastname: person.lastname,
      internalemailaddress: `${person.domainname}@orderline.example`,
      ol_saleslicense: person.license,
    });
    const role = roles.find((candidate) => candidate.name === person.role)!;
    // Role grants are an association, not a row of a table of their own (as in first-start.ts).
    await grantRole(context.trx, id, role.roleId);
    users.set(person.domainname, id);
  }
  return users;
}

/** The header columns every deal sets: customer, price list, owner, freight. */
function dealHeader(demo: Demo, deal: Deal): Row {
  return {
    name: deal.name,
    customerid: demo.accounts.get(deal.customer)!,
    customeridtype: 'account',
    pricelevelid: demo.priceLists[deal.priceList],
    ownerid: demo.users.get(deal.owner)!,
    ...(deal.freight ? { freightamount: new Decimal(deal.freight) } : {}),
  };
}

async function addLines(context: ExecutionContext, demo: Demo, table: string, parent: Row, lines: readonly Line[]) {
  for (const [productnumber, quantity, unit] of lines) {
    await createAsSystem(context, table, {
      ...parent,
      productid: demo.products.get(productnumber)!,
      uomid: demo.units.get(unit ?? (productnumber === 'CABLE-11' ? 'Each' : 'Primary Unit'))!,
      quantity: new Decimal(quantity),
    });
  }
}

async function addOpportunitiesAndQuotes(context: ExecutionContext, demo: Demo): Promise<void> {
  for (const deal of OPPORTUNITIES) {
    const opportunity = await createAsSystem(context, 'opportunity', {
      ...dealHeader(demo, deal),
      parentaccountid: demo.accounts.get(deal.customer)!,
      closeprobability: deal.probability,
      estimatedclosedate: daysFromToday(context, 30),
      salesstage: deal.quote ? 2 : 1,
    });
    await addLines(context, demo, 'opportunityproduct', { opportunityid: opportunity }, deal.lines);
    if (deal.quote) await addQuote(context, demo, deal, opportunity, deal.quote);
    if (deal.outcome === 'won') {
      await winOpportunity(context, {
        closeActivity: closeActivityOf(context, 'opportunityclose', opportunity, { subject: 'Signed' }),
        status: -1,
      });
    } else if (deal.outcome === 'lost') {
      await loseOpportunity(context, {
        closeActivity: closeActivityOf(context, 'opportunityclose', opportunity, { subject: 'Went with a competitor' }),
        status: 5, // Out-Sold
      });
    }
  }
}

async function addQuote(context: ExecutionContext, demo: Demo, deal: Deal, opportunity: string, outcome: QuoteOutcome) {
  const quote = await createAsSystem(context, 'quote', {
    ...dealHeader(demo, deal),
    name: `${deal.name}: proposal`,
    opportunityid: opportunity,
  });
  await addLines(context, demo, 'quotedetail', { quoteid: quote }, deal.lines);
  if (outcome === 'draft') return;
  await asSystemUpdate(context, 'quote', quote, {
    statecode: QuoteState.Active,
    statuscode: QuoteStatus.ActiveInProgress,
  });
  switch (outcome) {
    case 'lost':
      await closeQuote(context, {
        closeActivity: closeActivityOf(context, 'quoteclose', quote, { subject: 'Budget cut' }),
        status: 5, // Lost
      });
      return;
    case 'revised':
      // The original closes as Revised and a Draft revision takes its place.
      await reviseQuote(context, { quoteId: quote });
      return;
    case 'converted': {
      await convertQuoteToSalesOrder(context, { quoteId: quote });
      const orderId = await orderIdOfQuote(context.trx, quote);
      // The message makes the order for the caller, named after the quote; the deal's owner takes it over.
      await asSystemUpdate(context, 'salesorder', orderId, { name: deal.name, ownerid: demo.users.get(deal.owner)! });
      await invoiceOrder(context, orderId);
      return;
    }
  }
}

async function addOrders(context: ExecutionContext, demo: Demo): Promise<void> {
  const submitted: string[] = [];
  for (const deal of ORDERS) {
    const order = await createAsSystem(context, 'salesorder', dealHeader(demo, deal));
    await addLines(context, demo, 'salesorderdetail', { salesorderid: order }, deal.lines);
    const close = { closeActivity: closeActivityOf(context, 'orderclose', order), status: -1 };
    switch (deal.outcome) {
      case 'active':
        break;
      case 'submitted':
        submitted.push(order);
        break;
      case 'canceled':
        await cancelSalesOrder(context, close);
        break;
      case 'fulfilled':
        await fulfillSalesOrder(context, close);
        break;
      case 'paid': {
        const invoice = await invoiceOrder(context, order);
        await asSystemUpdate(context, 'invoice', invoice, {
          statecode: InvoiceState.Paid,
          statuscode: InvoiceStatus.Complete,
        });
        break;
      }
    }
  }
  // Submit Order needs the order processing integration on (PRODUCT.md C4); Create Invoice, above, needs it
  // off. Turned on last, it stays on.
  const organization = await requireOrganizationId(context.trx);
  await updateRecord(context, context.services.metadata.table('organization')!, organization, {
    attributes: { issopintegrationenabled: true },
    bindings: [],
  });
  for (const order of submitted)
    await asSystemUpdate(context, 'salesorder', order, {
      statecode: SalesOrderState.Submitted,
      statuscode: SalesOrderStatus.InProgress,
    });
}

/** Create Invoice: the order becomes Invoiced; returns the invoice. */
async function invoiceOrder(context: ExecutionContext, order: string): Promise<string> {
  await convertSalesOrderToInvoice(context, { salesOrderId: order });
  return invoiceIdOfOrder(context.trx, order);
}

/**
 * The close activity a close message takes (OpportunityClose, QuoteClose, OrderClose), naming the record
 * it closes through its parent lookup, as a client's `<lookup>@odata.bind` does.
 */
function closeActivityOf(context: ExecutionContext, closeTable: string, recordId: string, attributes: Row = {}) {
  const { metadata } = context.services;
  const table = metadata.table(closeTable)!;
  const column = metadata.column(table, table.parentLookup!);
  if (!column || !isLookup(column)) throw new Error(`${closeTable} has no lookup to the record it closes`);
  const target = metadata.table(column.targets[0]!.table)!;
  const input: WriteInput = { attributes, bindings: [{ column, target, key: { kind: 'id', id: recordId } }] };
  return input;
}

async function asSystemUpdate(context: ExecutionContext, table: string, id: string, attributes: Row) {
  const metadata = context.services.metadata.table(table)!;
  await updateRecord(context, metadata, id, { attributes, bindings: [] }, {}, { asSystem: true });
}

function daysFromToday(context: ExecutionContext, days: number): string {
  const today = new Date(`${context.services.clock.now().slice(0, 10)}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const orderStateLabels = new Map<number, string>(salesorder.states.map((state) => [state.value, state.label]));

async function countOrdersByState(context: ExecutionContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const state of await orderStateCodes(context.trx)) {
    const label = orderStateLabels.get(state) ?? String(state);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

import { describe, expect, it } from 'vitest';
import { activeOrder, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { InvoiceState, SalesOrderState, SalesOrderStatus } from '../../domain/metadata/named-states.js';
import { convertSalesOrderToInvoice } from './convert-sales-order-to-invoice.js';

describe('ConvertSalesOrderToInvoice', () => {
  const fixture = usePipelineFixture();

  it('creates an invoice with the order’s lines and totals, and marks the order Invoiced', async () => {
    const salesOrderId = await activeOrder(fixture);
    const order = await fixture.row('salesorder', salesOrderId);

    const created = await fixture.run((context) => convertSalesOrderToInvoice(context, { salesOrderId }));

    expect(created.logicalName).toBe('invoice');
    const invoice = await fixture.row('invoice', created.id);
    expect(invoice).toMatchObject({ salesorderid: salesOrderId, statecode: InvoiceState.Active });
    expect(String(invoice.totalamount)).toBe(String(order.totalamount));
    const lines = await fixture.rowsWhere('invoicedetail', 'invoiceid', created.id);
    const orderLines = await fixture.rowsWhere('salesorderdetail', 'salesorderid', salesOrderId);
    expect(lines.map((line) => String(line.quantity)).sort()).toEqual(
      orderLines.map((line) => String(line.quantity)).sort(),
    );
    expect(await fixture.row('salesorder', salesOrderId)).toMatchObject({
      statecode: SalesOrderState.Invoiced,
      statuscode: SalesOrderStatus.Invoiced,
    });
  });

  it('is refused for an order that is already Invoiced, and creates no second invoice', async () => {
    const salesOrderId = await activeOrder(fixture);
    await fixture.run((context) => convertSalesOrderToInvoice(context, { salesOrderId }));

    await expect(fixture.run((context) => convertSalesOrderToInvoice(context, { salesOrderId }))).rejects.toMatchObject(
      { kind: 'invalidState' },
    );
    expect(await fixture.rowsWhere('invoice', 'salesorderid', salesOrderId)).toHaveLength(1);
  });
});

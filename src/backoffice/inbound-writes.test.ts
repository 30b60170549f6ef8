import { describe, expect, it } from 'vitest';
import { ExactDecimal, parseExactJson } from './exact-json.js';
import { acknowledgement, invoiceIdOf, newInvoice, newInvoiceLine } from './inbound-writes.js';
import { readOrderDocument } from './order-document.js';

const document = readOrderDocument(
  parseExactJson(
    '{"salesorder":{"salesorderid":"o1","name":"Order","_transactioncurrencyid_value":"c1","_pricelevelid_value":null,' +
      '"freightamount":4.990},"salesorderdetails":[{"salesorderdetailid":"l1","isproductoverridden":false,' +
      '"_productid_value":"p1","_uomid_value":"u1","quantity":3.00000,"priceperunit":12345678901234.5678}],' +
      '"customer":{"@odata.type":"#Microsoft.Dynamics.CRM.account","accountid":"a1","name":"Contoso"},"transactioncurrency":null}',
  ) as Readonly<Record<string, unknown>>,
);

describe('the writes the back office sends', () => {
  it('write amounts as exact JSON numbers, digit for digit', () => {
    const line = newInvoiceLine('i1', document.salesorderdetails[0]!, '1700000000000');
    expect(line.body).toContain('"priceperunit":12345678901234.5678');
    expect(line.body).toContain('"quantity":3.00000');
    expect(line.body).toContain('"ol_backofficerevision":1700000000000');
    const ack = acknowledgement('o1', 'ERP-000001', new ExactDecimal('0.1').plus('0.2'), '1');
    expect(ack.body).toContain('"ol_backofficetotalamount":0.3');
  });

  it('update with If-Match and create with If-None-Match, so neither can do the other', () => {
    expect(acknowledgement('o1', 'ERP-000001', new ExactDecimal(1), '1').headers).toEqual({ 'if-match': '*' });
    expect(newInvoice(document, 'i1', 'ERP-INV-000001', '1').headers).toEqual({ 'if-none-match': '*' });
  });

  it('create the invoice Billed, under its order, customer and currency, at a stable id', () => {
    const invoiceId = invoiceIdOf('o1', 'ERP-INV-000001');
    const write = newInvoice(document, invoiceId, 'ERP-INV-000001', '1');
    expect(write.path).toBe(`invoices(${invoiceIdOf('o1', 'ERP-INV-000001')})`);
    expect(JSON.parse(write.body)).toMatchObject({
      invoicenumber: 'ERP-INV-000001',
      statuscode: 4,
      'salesorderid@odata.bind': '/salesorders(o1)',
      'customerid_account@odata.bind': '/accounts(a1)',
      'transactioncurrencyid@odata.bind': '/transactioncurrencies(c1)',
    });
    expect(write.body).not.toContain('pricelevelid');
  });

  it('copy a catalog line with its product and unit', () => {
    const write = newInvoiceLine('i1', document.salesorderdetails[0]!, '1');
    expect(JSON.parse(write.body)).toMatchObject({
      isproductoverridden: false,
      'productid@odata.bind': '/products(p1)',
      'uomid@odata.bind': '/uoms(u1)',
      'salesorderdetailid@odata.bind': '/salesorderdetails(l1)',
      ispriceoverridden: true,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { quote, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { convertQuoteToSalesOrder } from './convert-quote-to-sales-order.js';

describe('ConvertQuoteToSalesOrder', () => {
  const fixture = usePipelineFixture();

  it('wins an Active quote with a quote close and creates an order of its lines, linked to it', async () => {
    const quoteId = await quote(fixture, 'active');
    const order = await fixture.run((context) =>
      convertQuoteToSalesOrder(context, { quoteId, quoteCloseSubject: 'Accepted by Contoso' }),
    );

    expect(await fixture.row('quote', quoteId)).toMatchObject({ statecode: 2, statuscode: 4 });
    const [activity] = await fixture.rowsWhere('quoteclose', 'quoteid', quoteId);
    expect(activity).toMatchObject({ subject: 'Accepted by Contoso', statecode: 1, statuscode: 2 });
    expect(await fixture.row('salesorder', order.id)).toMatchObject({ quoteid: quoteId, statecode: 0 });
    const lines = await fixture.rowsWhere('salesorderdetail', 'salesorderid', order.id);
    const quoteLines = await fixture.rowsWhere('quotedetail', 'quoteid', quoteId);
    expect(lines.map((line) => line.quotedetailid).sort()).toEqual(quoteLines.map((line) => line.quotedetailid).sort());
  });

  it('refuses a Draft quote and creates no order', async () => {
    const quoteId = await quote(fixture, 'draft');
    await expect(fixture.run((context) => convertQuoteToSalesOrder(context, { quoteId }))).rejects.toMatchObject({
      kind: 'invalidState',
    });
    expect(await fixture.rowsWhere('salesorder', 'quoteid', quoteId)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { openOpportunity, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { generateSalesOrderFromOpportunity } from './generate-from-opportunity.js';

describe('GenerateSalesOrderFromOpportunity', () => {
  const fixture = usePipelineFixture();

  it('creates an Active order linked to the opportunity, with its products as lines and its totals', async () => {
    const opportunityId = await openOpportunity(fixture);
    const created = await fixture.run((context) => generateSalesOrderFromOpportunity(context, { opportunityId }));

    expect(created.logicalName).toBe('salesorder');
    const order = await fixture.row('salesorder', created.id);
    const opportunity = await fixture.row('opportunity', opportunityId);
    expect(order).toMatchObject({ opportunityid: opportunityId, statecode: 0, customerid: fixture.demo.account });
    expect(String(order.totalamount)).toBe(String(opportunity.totalamount));
    const lines = await fixture.rowsWhere('salesorderdetail', 'salesorderid', created.id);
    const products = await fixture.rowsWhere('opportunityproduct', 'opportunityid', opportunityId);
    expect(lines.map((line) => line.productid).sort()).toEqual(products.map((line) => line.productid).sort());
    expect(lines.every((line) => line.iscopied === true)).toBe(true);
  });

  it('refuses a closed opportunity and writes nothing', async () => {
    const opportunityId = await openOpportunity(fixture);
    // Lost, set directly: the pipeline moves an opportunity there only through LoseOpportunity.
    await fixture.services.store.db
      .updateTable('opportunity')
      .set({ statecode: 2, statuscode: 4 })
      .where('opportunityid', '=', opportunityId)
      .execute();
    await expect(
      fixture.run((context) => generateSalesOrderFromOpportunity(context, { opportunityId })),
    ).rejects.toMatchObject({ kind: 'invalidState' });
    expect(await fixture.rowsWhere('salesorder', 'opportunityid', opportunityId)).toEqual([]);
  });
});

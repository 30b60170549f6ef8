import { describe, expect, it } from 'vitest';
import { activeOrder, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { recalculatePrice } from './recalculate-price.js';

describe('RecalculatePrice', () => {
  const fixture = usePipelineFixture();

  it('prices the order and its lines in full again from the price list', async () => {
    const id = await activeOrder(fixture);
    const priced = await fixture.row('salesorder', id);
    // Totals out of step with the lines, as a write around the pipeline would leave them.
    await fixture.services.store.db
      .updateTable('salesorder')
      .set({ totalamount: 0, totallineitemamount: 0 })
      .where('salesorderid', '=', id)
      .execute();

    await fixture.run((context) => recalculatePrice(context, { header: 'salesorder', id }));

    const recalculated = await fixture.row('salesorder', id);
    expect(String(recalculated.totalamount)).toBe(String(priced.totalamount));
    expect(String(recalculated.totallineitemamount)).toBe(String(priced.totallineitemamount));
    expect(Number(String(recalculated.totalamount))).toBeGreaterThan(0);
  });

  it('refuses a record that does not exist, in Dataverse words', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    await expect(fixture.run((context) => recalculatePrice(context, { header: 'quote', id }))).rejects.toMatchObject({
      kind: 'notFound',
      message: `quote With Id = ${id} Does Not Exist`,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { activeOrder, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { lockSalesOrderPricing, unlockSalesOrderPricing } from './price-lock.js';

describe('LockSalesOrderPricing / UnlockSalesOrderPricing', () => {
  const fixture = usePipelineFixture();

  it('locks the order and the copy of the lock on its lines, and unlocks both', async () => {
    const id = await activeOrder(fixture);
    await fixture.run((context) => lockSalesOrderPricing(context, { id }));
    expect(await fixture.row('salesorder', id)).toMatchObject({ ispricelocked: true });
    const locked = await fixture.rowsWhere('salesorderdetail', 'salesorderid', id);
    expect(locked.map((line) => line.salesorderispricelocked)).toEqual([true, true]);

    await fixture.run((context) => unlockSalesOrderPricing(context, { id }));
    expect(await fixture.row('salesorder', id)).toMatchObject({ ispricelocked: false });
    const unlocked = await fixture.rowsWhere('salesorderdetail', 'salesorderid', id);
    expect(unlocked.map((line) => line.salesorderispricelocked)).toEqual([false, false]);
  });
});

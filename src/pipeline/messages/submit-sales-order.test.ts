import { describe, expect, it } from 'vitest';
import { activeOrder, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { updateRecord } from '../record-writer.js';
import { submitSalesOrder } from './submit-sales-order.js';

describe('ol_SubmitSalesOrder', () => {
  const fixture = usePipelineFixture();

  async function setIntegration(enabled: boolean) {
    const [organization] = await fixture.services.store.db
      .selectFrom('organization')
      .select('organizationid')
      .execute();
    await fixture.run((context) =>
      updateRecord(context, fixture.table('organization'), String(organization!.organizationid), {
        attributes: { issopintegrationenabled: enabled },
        bindings: [],
      }),
    );
  }

  it('is refused while the order processing integration is off', async () => {
    await setIntegration(false);
    const salesOrderId = await activeOrder(fixture);
    await expect(fixture.run((context) => submitSalesOrder(context, { salesOrderId }))).rejects.toMatchObject({
      kind: 'invalidState',
    });
    expect(await fixture.row('salesorder', salesOrderId)).toMatchObject({ statecode: 0 });
  });

  it('moves an Active order to Submitted / In Progress, and a second submit writes nothing', async () => {
    await setIntegration(true);
    const salesOrderId = await activeOrder(fixture);
    await fixture.run((context) => submitSalesOrder(context, { salesOrderId }));
    const submitted = await fixture.row('salesorder', salesOrderId);
    expect(submitted).toMatchObject({ statecode: 1, statuscode: 3 });

    await fixture.run((context) => submitSalesOrder(context, { salesOrderId }));
    expect((await fixture.row('salesorder', salesOrderId)).versionnumber).toBe(submitted.versionnumber);
  });
});

import { describe, expect, it } from 'vitest';
import { activeOrder, openOpportunity, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import type { ExecutionContext } from '../execution-context.js';
import type { WriteInput } from '../write-input.js';
import { cancelSalesOrder, loseOpportunity, winOpportunity } from './close-record.js';

/** A close activity naming the record it closes, as `<lookup>@odata.bind` does. */
function closeActivity(context: ExecutionContext, closeTable: string, recordId: string, subject?: string): WriteInput {
  const { metadata } = context.services;
  const table = metadata.table(closeTable)!;
  const column = metadata.column(table, table.parentLookup!) as WriteInput['bindings'][number]['column'];
  const target = metadata.table(column.targets[0]!.table)!;
  return {
    attributes: subject ? { subject } : {},
    bindings: [{ column, target, key: { kind: 'id', id: recordId } }],
  };
}

describe('the close messages', () => {
  const fixture = usePipelineFixture();

  it('WinOpportunity closes the opportunity as Won with its estimated value as actual revenue, and keeps the activity', async () => {
    const id = await openOpportunity(fixture);
    await fixture.update('opportunity', id, {
      estimatedvalue: (await fixture.row('opportunity', id)).totalamount ?? null,
    });
    await fixture.run((context) =>
      winOpportunity(context, { closeActivity: closeActivity(context, 'opportunityclose', id, 'Signed'), status: -1 }),
    );
    const opportunity = await fixture.row('opportunity', id);
    expect(opportunity).toMatchObject({ statecode: 1, statuscode: 3 });
    expect(String(opportunity.actualvalue)).toBe(String(opportunity.estimatedvalue));
    const [activity] = await fixture.rowsWhere('opportunityclose', 'opportunityid', id);
    expect(activity).toMatchObject({ subject: 'Signed', statecode: 1, statuscode: 2 });
  });

  it('LoseOpportunity closes the opportunity as Lost with the status asked for', async () => {
    const id = await openOpportunity(fixture);
    await fixture.run((context) =>
      loseOpportunity(context, { closeActivity: closeActivity(context, 'opportunityclose', id), status: 5 }),
    );
    expect(await fixture.row('opportunity', id)).toMatchObject({ statecode: 2, statuscode: 5 });
    const [activity] = await fixture.rowsWhere('opportunityclose', 'opportunityid', id);
    expect(activity).toMatchObject({ subject: 'Opportunity lost' });
  });

  it('CancelSalesOrder moves the order to Canceled, its lines with it, and keeps an order close', async () => {
    const id = await activeOrder(fixture);
    await fixture.run((context) =>
      cancelSalesOrder(context, { closeActivity: closeActivity(context, 'orderclose', id), status: -1 }),
    );
    expect(await fixture.row('salesorder', id)).toMatchObject({ statecode: 2, statuscode: 4 });
    const [activity] = await fixture.rowsWhere('orderclose', 'salesorderid', id);
    expect(activity).toMatchObject({ subject: 'Order canceled', statecode: 1 });
  });

  it('refuses a status that does not belong to the closed state, and changes nothing', async () => {
    const id = await activeOrder(fixture);
    await expect(
      fixture.run((context) =>
        cancelSalesOrder(context, { closeActivity: closeActivity(context, 'orderclose', id), status: 3 }),
      ),
    ).rejects.toBeDefined();
    expect(await fixture.row('salesorder', id)).toMatchObject({ statecode: 0 });
    expect(await fixture.rowsWhere('orderclose', 'salesorderid', id)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { quote, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { reviseQuote } from './revise-quote.js';

describe('ReviseQuote', () => {
  const fixture = usePipelineFixture();

  it('closes the Active quote as Revised and creates a Draft revision with the same quote number, the next revision number and its lines', async () => {
    const quoteId = await quote(fixture, 'active');
    const original = await fixture.row('quote', quoteId);
    expect(original.revisionnumber).toBe(0);
    const revision = await fixture.run((context) => reviseQuote(context, { quoteId }));

    expect(await fixture.row('quote', quoteId)).toMatchObject({ statecode: 3, statuscode: 7 });
    const revised = await fixture.row('quote', revision.id);
    expect(revised).toMatchObject({ statecode: 0, revisionnumber: 1, quotenumber: original.quotenumber });
    expect(await fixture.rowsWhere('quotedetail', 'quoteid', revision.id)).toHaveLength(2);
  });

  it('revising the revision raises the revision number again under the same quote number', async () => {
    const quoteId = await quote(fixture, 'active');
    const first = await fixture.run((context) => reviseQuote(context, { quoteId }));
    await fixture.update('quote', first.id, { statecode: 1, statuscode: 2 });
    const second = await fixture.run((context) => reviseQuote(context, { quoteId: first.id }));
    const numbers = await Promise.all([quoteId, first.id, second.id].map((id) => fixture.row('quote', id)));
    expect(numbers.map((row) => [row.quotenumber, row.revisionnumber])).toEqual([
      [numbers[0]!.quotenumber, 0],
      [numbers[0]!.quotenumber, 1],
      [numbers[0]!.quotenumber, 2],
    ]);
  });

  it('refuses a Draft quote and writes nothing', async () => {
    const quoteId = await quote(fixture, 'draft');
    await expect(fixture.run((context) => reviseQuote(context, { quoteId }))).rejects.toMatchObject({
      kind: 'invalidState',
    });
    expect(await fixture.row('quote', quoteId)).toMatchObject({ statecode: 0 });
  });
});

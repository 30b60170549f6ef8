import { describe, expect, it } from 'vitest';
import { quote, usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { reviseQuote } from './revise-quote.js';

describe('ReviseQuote', () => {
  const fixture = usePipelineFixture();

  it('closes the Active quote as Revised and creates a Draft revision with the next number and its lines', async () => {
    const quoteId = await quote(fixture, 'active');
    const revision = await fixture.run((context) => reviseQuote(context, { quoteId }));

    expect(await fixture.row('quote', quoteId)).toMatchObject({ statecode: 3, statuscode: 7 });
    const revised = await fixture.row('quote', revision.id);
    expect(revised).toMatchObject({ statecode: 0, revisionnumber: 1 });
    expect(revised.quotenumber).not.toBe((await fixture.row('quote', quoteId)).quotenumber);
    expect(await fixture.rowsWhere('quotedetail', 'quoteid', revision.id)).toHaveLength(2);
  });

  it('refuses a Draft quote and writes nothing', async () => {
    const quoteId = await quote(fixture, 'draft');
    await expect(fixture.run((context) => reviseQuote(context, { quoteId }))).rejects.toMatchObject({
      kind: 'invalidState',
    });
    expect(await fixture.row('quote', quoteId)).toMatchObject({ statecode: 0 });
  });
});

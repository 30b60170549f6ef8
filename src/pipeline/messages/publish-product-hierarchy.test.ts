import { describe, expect, it } from 'vitest';
import { usePipelineFixture } from '../../../test/support/pipeline-fixture.js';
import { ProductState, ProductStatus } from '../../domain/metadata/named-states.js';
import { publishProductHierarchy } from './publish-product-hierarchy.js';

describe('PublishProductHierarchy', () => {
  const fixture = usePipelineFixture();

  /** A new product, which starts in Draft as the starter organization creates them. */
  async function draftProduct(name: string): Promise<string> {
    return fixture.create('product', {
      name,
      productnumber: `P-${name}`,
      defaultuomscheduleid: fixture.demo.unitGroup,
      defaultuomid: fixture.demo.unit,
      quantitydecimal: 2,
    });
  }

  it('activates a Draft product, and publishing it again changes nothing', async () => {
    const productId = await draftProduct('Standing desk');
    expect(await fixture.row('product', productId)).toMatchObject({ statecode: ProductState.Draft });

    await fixture.run((context) => publishProductHierarchy(context, { productId }));
    const published = await fixture.row('product', productId);
    expect(published).toMatchObject({ statecode: ProductState.Active, statuscode: ProductStatus.Active });

    await fixture.run((context) => publishProductHierarchy(context, { productId }));
    expect((await fixture.row('product', productId)).versionnumber).toBe(published.versionnumber);
  });

  it('refuses a Retired product and leaves it Retired', async () => {
    const productId = await draftProduct('Old chair');
    await fixture.update('product', productId, { statecode: ProductState.Retired, statuscode: ProductStatus.Retired });

    await expect(fixture.run((context) => publishProductHierarchy(context, { productId }))).rejects.toMatchObject({
      kind: 'invalidState',
    });
    expect(await fixture.row('product', productId)).toMatchObject({ statecode: ProductState.Retired });
  });
});

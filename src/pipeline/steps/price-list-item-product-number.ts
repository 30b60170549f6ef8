/**
 * A price list item shows the product number of its product (`productnumber`, read-only and the
 * table's primary name), as Sales does: copied when the item is created or moved to another product,
 * so lists and lookups of price list items name them by something people recognise.
 */
import type { WriteStep } from '../write-step.js';

export const priceListItemProductNumberStep: WriteStep = {
  name: 'product number of a price list item',
  stage: 'preOperation',
  tables: ['productpricelevel'],
  messages: ['Create', 'Update'],
  async run(context, { target }) {
    if (typeof target.productid !== 'string') return;
    const products = context.services.metadata.table('product')!;
    const product = await context.services.records.find(context.trx, products, target.productid);
    target.productnumber = product?.productnumber ?? null;
  },
};

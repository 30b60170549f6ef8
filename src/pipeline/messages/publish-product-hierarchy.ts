/**
 * PublishProductHierarchy (reference 6): a Draft (or Under Revision) product becomes Active, with the
 * Draft products of its family. Publishing an Active product again changes nothing; a Retired one
 * cannot be published.
 */
import { DomainError } from '../../domain/errors.js';
import { ProductState, ProductStatus } from '../../domain/metadata/named-states.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { ExecutionContext } from '../execution-context.js';
import { loadRecord, tableOf } from '../lifecycle/sales-records.js';
import { updateRecord } from '../record-writer.js';
import type { Message } from './message.js';

/** The product states PublishProductHierarchy activates. */
const PUBLISHABLE: ReadonlySet<number> = new Set([ProductState.Draft, ProductState.UnderRevision]);

export interface PublishProductHierarchyInput {
  readonly productId: string;
}

async function publish(
  context: ExecutionContext,
  products: TableMetadata,
  id: string,
  seen: Set<string>,
): Promise<void> {
  if (seen.has(id)) return;
  seen.add(id);
  const product = await context.services.records.find(context.trx, products, id, { forUpdate: true });
  if (!product) return;
  if (PUBLISHABLE.has(product.statecode as number)) {
    const attributes = { statecode: ProductState.Active, statuscode: ProductStatus.Active };
    await updateRecord(context, products, id, { attributes, bindings: [] });
  }
  const children = await context.services.records.referencingIds(context.trx, products, 'parentproductid', id);
  for (const child of children) await publish(context, products, child, seen);
}

export const publishProductHierarchy: Message<PublishProductHierarchyInput, void> = async (context, input) => {
  const products = tableOf(context, 'product');
  const product = await loadRecord(context, products, input.productId);
  if (product.statecode === ProductState.Retired) {
    throw new DomainError('invalidState', `The product ${String(product.name)} is Retired and cannot be published.`);
  }
  await publish(context, products, input.productId, new Set());
};

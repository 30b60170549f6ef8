/**
 * PublishProductHierarchy (reference 6): a Draft (or Under Revision) product becomes Active, with the
 * Draft products of its family. Publishing an Active product again changes nothing; a Retired one
 * cannot be published.
 */
import { DomainError } from '../../domain/errors.js';
import { ProductState, ProductStatus } from '../../domain/metadata/named-states.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
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
  if (isPublishable(product)) {
    const attributes = { statecode: ProductState.Active, statuscode: ProductStatus.Active };
    await updateRecord(context, products, id, { attributes, bindings: [] });
  }
  const children = await context.services.records.referencingIds(context.trx, products, 'parentproductid', id);
  for (const child of children) await publish(context, products, child, seen);
}

/** Why the product cannot be published, or nothing when it can (ol_RetrieveAllowedMessages asks this too). */
export function publishRefusal(product: Readonly<Row>): string | undefined {
  return product.statecode === ProductState.Retired
    ? `The product ${String(product.name)} is Retired and cannot be published.`
    : undefined;
}

/** Publishing a product that is not Draft or Under Revision changes nothing of it (its Draft family may still be published). */
export const isPublishable = (product: Readonly<Row>): boolean => PUBLISHABLE.has(product.statecode as number);

export const publishProductHierarchy: Message<PublishProductHierarchyInput, void> = async (context, input) => {
  const products = tableOf(context, 'product');
  const product = await loadRecord(context, products, input.productId);
  const refusal = publishRefusal(product);
  if (refusal) throw new DomainError('invalidState', refusal);
  await publish(context, products, input.productId, new Set());
};

/**
 * The catalog's products for the product select of the line and price list item dialogs: loaded once
 * per dialog, by name, with a first option that says whether they are still loading.
 */
import type { RetrieveMultipleResponse } from 'dynamics-web-api';
import type { Row } from '../data/row';
import { type QueryState, useQuery } from '../data/use-query';
import { useSession } from '../session/session-context';
import { PRODUCT_CHOICE_COLUMNS, productOptionLabel } from './product-choice';

/** Enough for the demo catalog and a small business's; a select is no place for thousands. */
const MOST_PRODUCTS = 500;

/** `filter` narrows the catalog (only Active products go on a line). */
export function useCatalogProducts(key: string, filter?: string): QueryState<RetrieveMultipleResponse<Row>> {
  const { client } = useSession();
  return useQuery(key, () =>
    client.retrieveMultiple<Row>({
      collection: 'products',
      select: [...PRODUCT_CHOICE_COLUMNS],
      ...(filter ? { filter } : {}),
      orderBy: ['name asc'],
      top: MOST_PRODUCTS,
    }),
  );
}

export interface ProductOptionsProps {
  readonly products: QueryState<RetrieveMultipleResponse<Row>>;
}

/** The options of a product select: an empty first choice, then each product by name and product ID. */
export function ProductOptions({ products }: ProductOptionsProps) {
  return (
    <>
      <option value="">{products.loading ? 'Loading products…' : 'Choose a product'}</option>
      {products.data?.value.map((row) => (
        <option key={String(row.productid)} value={String(row.productid)}>
          {productOptionLabel(row)}
        </option>
      ))}
    </>
  );
}

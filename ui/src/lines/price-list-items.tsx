/**
 * The items of a price list (productpricelevel): what each product costs per unit on this list. Added
 * with the product's default unit and the Currency Amount pricing method; the amount can be changed.
 */
import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { FORMATTED } from '../api/client';
import { exactDecimal } from '../api/exact-json';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import { LoadError } from '../feedback/load-error';
import { useSession } from '../session/session-context';
import { countLabel } from '../tables/count-label';
import { type DataColumn, DataTable } from '../tables/data-table';
import { TableToolbar } from '../tables/table-toolbar';
import { PriceListItemDialog } from './price-list-item-dialog';

const CURRENCY_AMOUNT = 1;

const productOf = (item: Row) => formatted(item, lookupColumn('productid'));

const TABLE_COLUMNS: readonly DataColumn<Row>[] = [
  { key: 'product', header: 'Product', cell: productOf },
  { key: 'uomid', header: 'Unit', cell: (item) => formatted(item, lookupColumn('uomid')) },
  { key: 'pricingmethodcode', header: 'Pricing Method', cell: (item) => formatted(item, 'pricingmethodcode') },
  { key: 'amount', header: 'Amount', cell: (item) => formatted(item, 'amount'), align: 'end' },
];

export interface PriceListItemsProps {
  readonly priceListId: string;
  readonly onChanged: (message: string) => void;
  readonly onError: (error: unknown) => void;
}

export function PriceListItems({ priceListId, onChanged, onError }: PriceListItemsProps) {
  const { client } = useSession();
  const [editing, setEditing] = useState<{ readonly item?: Row } | undefined>();
  const items = useQuery(`productpricelevels|${priceListId}`, () =>
    client.retrieveMultiple({
      collection: 'productpricelevels',
      select: [lookupColumn('productid'), lookupColumn('uomid'), 'pricingmethodcode', 'amount'],
      filter: `_pricelevelid_value eq ${priceListId}`,
      includeAnnotations: FORMATTED,
    }),
  );
  const rows = items.data?.value ?? [];

  async function save(item: Row | undefined, productId: string, unitId: string | undefined, amountText: string) {
    const amount = exactDecimal(amountText);
    if (item) {
      await client.update({
        collection: 'productpricelevels',
        key: String(item.productpricelevelid),
        data: { amount },
      });
    } else {
      await client.create({
        collection: 'productpricelevels',
        data: {
          'pricelevelid@odata.bind': `/pricelevels(${priceListId})`,
          'productid@odata.bind': `/products(${productId})`,
          ...(unitId ? { 'uomid@odata.bind': `/uoms(${unitId})` } : {}),
          pricingmethodcode: CURRENCY_AMOUNT,
          amount,
        },
      });
    }
    setEditing(undefined);
    await items.reload();
    onChanged(item ? 'The price was updated.' : 'The product was added to the price list.');
  }

  async function remove(item: Row) {
    try {
      await client.deleteRecord({ collection: 'productpricelevels', key: String(item.productpricelevelid) });
      await items.reload();
      onChanged(`${productOf(item)} was removed from the price list.`);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <>
      <TableToolbar count={countLabel(rows.length, 'item', 'items')}>
        <Button appearance="primary" onClick={() => setEditing({})}>
          Add Price List Item
        </Button>
      </TableToolbar>
      {items.error ? <LoadError error={items.error} retry={() => void items.reload()} /> : null}
      <DataTable
        label="Price list items"
        columns={TABLE_COLUMNS}
        rows={rows}
        rowKey={(item) => String(item.productpricelevelid)}
        actions={{
          rowName: productOf,
          of: (item) => [
            { label: 'Edit', onClick: () => setEditing({ item }) },
            { label: 'Remove', onClick: () => void remove(item) },
          ],
        }}
      />
      {editing ? (
        <PriceListItemDialog item={editing.item} onCancel={() => setEditing(undefined)} onSave={save} />
      ) : null}
    </>
  );
}

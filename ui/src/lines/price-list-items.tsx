/**
 * The items of a price list (productpricelevel): what each product costs per unit on this list. Added
 * with the product's default unit and the Currency Amount pricing method; the amount can be changed.
 */
import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { FORMATTED } from '../api/client';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import { LoadError } from '../feedback/load-error';
import { useSession } from '../session/session-context';
import { PriceListItemDialog } from './price-list-item-dialog';

const CURRENCY_AMOUNT = 1;

const useStyles = makeStyles({
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  scroll: { overflowX: 'auto' },
  // Columns as wide as their content (Fluent's default is equal widths), scrolling sideways when narrow.
  table: { tableLayout: 'auto', minWidth: '600px' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

export interface PriceListItemsProps {
  readonly priceListId: string;
  readonly onChanged: (message: string) => void;
  readonly onError: (error: unknown) => void;
}

export function PriceListItems({ priceListId, onChanged, onError }: PriceListItemsProps) {
  const styles = useStyles();
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
    const amount = Number(amountText);
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
      onChanged(`${formatted(item, lookupColumn('productid'))} was removed from the price list.`);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <>
      <div className={styles.top}>
        <Text>{rows.length === 1 ? '1 item' : `${rows.length} items`}</Text>
        <Button appearance="primary" onClick={() => setEditing({})}>
          Add Price List Item
        </Button>
      </div>
      {items.error ? <LoadError error={items.error} retry={() => void items.reload()} /> : null}
      {rows.length > 0 ? (
        <div className={styles.scroll}>
          <Table aria-label="Price list items" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Product</TableHeaderCell>
                <TableHeaderCell>Unit</TableHeaderCell>
                <TableHeaderCell>Pricing Method</TableHeaderCell>
                <TableHeaderCell>Amount</TableHeaderCell>
                <TableHeaderCell>Actions</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((item) => {
                const product = formatted(item, lookupColumn('productid'));
                return (
                  <TableRow key={String(item.productpricelevelid)}>
                    <TableCell>{product}</TableCell>
                    <TableCell>{formatted(item, lookupColumn('uomid'))}</TableCell>
                    <TableCell>{formatted(item, 'pricingmethodcode')}</TableCell>
                    <TableCell className={styles.number}>{formatted(item, 'amount')}</TableCell>
                    <TableCell>
                      <div className={styles.actions}>
                        <Button size="small" aria-label={`Edit ${product}`} onClick={() => setEditing({ item })}>
                          Edit
                        </Button>
                        <Button size="small" aria-label={`Remove ${product}`} onClick={() => void remove(item)}>
                          Remove
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {editing ? (
        <PriceListItemDialog item={editing.item} onCancel={() => setEditing(undefined)} onSave={save} />
      ) : null}
    </>
  );
}

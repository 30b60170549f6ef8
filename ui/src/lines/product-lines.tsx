/**
 * The product lines of an opportunity, quote, order or invoice: the server prices each line (price
 * list, volume discount, manual discount), and after every add, edit or removal the record's totals
 * are read again from the server, never computed here.
 */
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { FORMATTED } from '../api/client';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import type { SalesLinesDefinition } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { useSession } from '../session/session-context';
import { countLabel } from '../tables/count-label';
import { type DataColumn, DataTable } from '../tables/data-table';
import { TableToolbar } from '../tables/table-toolbar';
import { LineEditorDialog } from './line-editor-dialog';
import { createLine, type LineInput, removeLine, updateLine } from './line-requests';

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** What the table and the line dialog read of each line. */
const READ_COLUMNS = [
  lookupColumn('productid'),
  'productname',
  'productdescription',
  'isproductoverridden',
  'quantity',
  lookupColumn('uomid'),
  'priceperunit',
  'volumediscountamount',
  'manualdiscountamount',
  'extendedamount',
  'pricingerrorcode',
  'lineitemnumber',
];

export interface ProductLinesProps {
  readonly lines: SalesLinesDefinition;
  readonly parentSet: string;
  readonly parentId: string;
  readonly editable: boolean;
  /** Changes when the record was reloaded (a command may have changed its lines). */
  readonly refreshKey: number;
  /** After a change: the form reloads the record's totals and shows the message. */
  readonly onChanged: (message: string) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

const productOf = (line: Row) =>
  line.isproductoverridden === true
    ? formatted(line, 'productdescription')
    : formatted(line, 'productname') || formatted(line, lookupColumn('productid'));

/** A line's product, with the server's pricing error under it when the line could not be priced. */
function ProductCell({ line }: { readonly line: Row }) {
  const styles = useStyles();
  const pricingError = line.pricingerrorcode !== 0 && line.pricingerrorcode !== null;
  return (
    <>
      {productOf(line)}
      {pricingError ? <div className={styles.error}>Pricing error: {formatted(line, 'pricingerrorcode')}</div> : null}
    </>
  );
}

const moneyColumn = (column: string, header: string): DataColumn<Row> => ({
  key: column,
  header,
  cell: (line) => formatted(line, column),
  align: 'end',
});

const TABLE_COLUMNS: readonly DataColumn<Row>[] = [
  { key: 'product', header: 'Product', cell: (line) => <ProductCell line={line} /> },
  { key: 'quantity', header: 'Quantity', cell: (line) => String(line.quantity ?? ''), align: 'end' },
  { key: 'uomid', header: 'Unit', cell: (line) => formatted(line, lookupColumn('uomid')) },
  moneyColumn('priceperunit', 'Price Per Unit'),
  moneyColumn('volumediscountamount', 'Volume Discount'),
  moneyColumn('manualdiscountamount', 'Manual Discount'),
  moneyColumn('extendedamount', 'Extended Amount'),
];

export function ProductLines({
  lines,
  parentSet,
  parentId,
  editable,
  refreshKey,
  onChanged,
  onError,
}: ProductLinesProps) {
  const { client } = useSession();
  const [editing, setEditing] = useState<{ readonly line?: Row } | undefined>();
  const [busy, setBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const query = useQuery(`${lines.set}|${parentId}|${refreshKey}`, () =>
    client.retrieveMultiple({
      collection: lines.set,
      select: [lines.id, ...READ_COLUMNS],
      filter: `_${lines.parent}_value eq ${parentId}`,
      orderBy: ['lineitemnumber asc', 'createdon asc'],
      includeAnnotations: FORMATTED,
    }),
  );
  const rows = query.data?.value ?? [];

  async function save(input: LineInput) {
    const line = editing?.line;
    if (line) await updateLine(client, lines, String(line[lines.id]), input);
    else {
      const last = rows.reduce((highest, row) => Math.max(highest, Number(row.lineitemnumber ?? 0)), 0);
      await createLine(client, lines, parentId, parentSet, input, last + 1);
    }
    setEditing(undefined);
    // The form reloads the record's totals and, through refreshKey, these lines.
    await onChanged(line ? 'The product line was updated.' : 'The product was added.');
  }

  async function remove(line: Row) {
    setBusy(true);
    try {
      await removeLine(client, lines, String(line[lines.id]));
      await onChanged(`${productOf(line)} was removed.`);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
      // The removed row took the focused button with it.
      addButton.current?.focus();
    }
  }

  return (
    <>
      <TableToolbar count={countLabel(rows.length, 'line', 'lines')}>
        {editable ? (
          <Button ref={addButton} appearance="primary" disabledFocusable={busy} onClick={() => setEditing({})}>
            Add Product
          </Button>
        ) : null}
      </TableToolbar>
      {query.error ? <LoadError error={query.error} retry={() => void query.reload()} /> : null}
      {query.loading && !query.data ? <Spinner size="small" label="Loading products…" /> : null}
      <DataTable
        label="Product lines"
        columns={TABLE_COLUMNS}
        rows={rows}
        rowKey={(line) => String(line[lines.id])}
        actions={
          editable
            ? {
                rowName: productOf,
                of: (line) => [
                  { label: 'Edit', onClick: () => setEditing({ line }) },
                  { label: 'Remove', disabled: busy, onClick: () => void remove(line) },
                ],
              }
            : undefined
        }
      />
      {editing ? <LineEditorDialog line={editing.line} onCancel={() => setEditing(undefined)} onSave={save} /> : null}
    </>
  );
}

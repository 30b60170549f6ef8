/**
 * The product lines of an opportunity, quote, order or invoice: the server prices each line (price
 * list, volume discount, manual discount), and after every add, edit or removal the record's totals
 * are read again from the server, never computed here.
 */
import {
  Button,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { FORMATTED } from '../api/client';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import type { SalesLinesDefinition } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { useSession } from '../session/session-context';
import { LineEditorDialog } from './line-editor-dialog';
import { createLine, type LineInput, removeLine, updateLine } from './line-requests';

const useStyles = makeStyles({
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  scroll: { overflowX: 'auto' },
  // Columns as wide as their content (Fluent's default is equal widths), scrolling sideways when narrow.
  table: { tableLayout: 'auto', minWidth: '600px' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const LINE_COLUMNS = [
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

export function ProductLines({
  lines,
  parentSet,
  parentId,
  editable,
  refreshKey,
  onChanged,
  onError,
}: ProductLinesProps) {
  const styles = useStyles();
  const { client } = useSession();
  const [editing, setEditing] = useState<{ readonly line?: Row } | undefined>();
  const [busy, setBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const query = useQuery(`${lines.set}|${parentId}|${refreshKey}`, () =>
    client.retrieveMultiple({
      collection: lines.set,
      select: [lines.id, ...LINE_COLUMNS],
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
      <div className={styles.top}>
        <Text>{rows.length === 1 ? '1 line' : `${rows.length} lines`}</Text>
        {editable ? (
          <Button ref={addButton} appearance="primary" disabledFocusable={busy} onClick={() => setEditing({})}>
            Add Product
          </Button>
        ) : null}
      </div>
      {query.error ? <LoadError error={query.error} retry={() => void query.reload()} /> : null}
      {query.loading && !query.data ? <Spinner size="small" label="Loading products…" /> : null}
      {rows.length > 0 ? (
        <div className={styles.scroll}>
          <Table aria-label="Product lines" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Product</TableHeaderCell>
                <TableHeaderCell>Quantity</TableHeaderCell>
                <TableHeaderCell>Unit</TableHeaderCell>
                <TableHeaderCell>Price Per Unit</TableHeaderCell>
                <TableHeaderCell>Volume Discount</TableHeaderCell>
                <TableHeaderCell>Manual Discount</TableHeaderCell>
                <TableHeaderCell>Extended Amount</TableHeaderCell>
                {editable ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((line) => {
                const product = productOf(line);
                const pricingError = line.pricingerrorcode !== 0 && line.pricingerrorcode !== null;
                return (
                  <TableRow key={String(line[lines.id])}>
                    <TableCell>
                      {product}
                      {pricingError ? (
                        <div className={styles.error}>Pricing error: {formatted(line, 'pricingerrorcode')}</div>
                      ) : null}
                    </TableCell>
                    <TableCell className={styles.number}>{String(line.quantity ?? '')}</TableCell>
                    <TableCell>{formatted(line, lookupColumn('uomid'))}</TableCell>
                    <TableCell className={styles.number}>{formatted(line, 'priceperunit')}</TableCell>
                    <TableCell className={styles.number}>{formatted(line, 'volumediscountamount')}</TableCell>
                    <TableCell className={styles.number}>{formatted(line, 'manualdiscountamount')}</TableCell>
                    <TableCell className={styles.number}>{formatted(line, 'extendedamount')}</TableCell>
                    {editable ? (
                      <TableCell>
                        <div className={styles.actions}>
                          <Button size="small" aria-label={`Edit ${product}`} onClick={() => setEditing({ line })}>
                            Edit
                          </Button>
                          <Button
                            size="small"
                            aria-label={`Remove ${product}`}
                            disabledFocusable={busy}
                            onClick={() => void remove(line)}
                          >
                            Remove
                          </Button>
                        </div>
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {editing ? <LineEditorDialog line={editing.line} onCancel={() => setEditing(undefined)} onSave={save} /> : null}
    </>
  );
}

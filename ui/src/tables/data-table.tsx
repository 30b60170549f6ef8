/**
 * The one table of the Sales Hub (lists, product lines, price list items): columns described as data,
 * a row per record, and buttons for each row in a last Actions column. Columns are as wide as their
 * content (Fluent's default is equal widths) and the table scrolls sideways inside its own box on a
 * narrow screen, so the page never does (docs/ui.md). With no rows there is no table at all: an empty
 * grid tells a screen reader nothing, and the caller's count line says so in words.
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
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { tableLayout: 'auto', minWidth: '600px' },
  // Amounts line up on their decimal point when every figure has the same width.
  end: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

export interface DataColumn<T> {
  /** Tells the columns apart (React's key). */
  readonly key: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** `end` for money and quantities, read down the column on the right. */
  readonly align?: 'start' | 'end';
}

export interface RowAction {
  /** The button's text: Edit, Remove. A screen reader hears it with the row's name: `Remove Monitor Arm`. */
  readonly label: string;
  readonly onClick: () => void;
  /** Disabled but still focusable, so the focus stays put while a command runs. */
  readonly disabled?: boolean;
}

export interface DataTableProps<T> {
  /** The table's accessible name. */
  readonly label: string;
  readonly columns: readonly DataColumn<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** Buttons for each row, in an Actions column; without them there is no such column. */
  readonly actions?: {
    readonly of: (row: T) => readonly RowAction[];
    /** Names the row in its buttons' accessible names, so that ten Remove buttons are told apart. */
    readonly rowName: (row: T) => string;
  };
  /** Shown instead of the table when there are no rows; nothing by default. */
  readonly empty?: ReactNode;
}

export function DataTable<T>({ label, columns, rows, rowKey, actions, empty = null }: DataTableProps<T>) {
  const styles = useStyles();
  if (rows.length === 0) return <>{empty}</>;
  return (
    <div className={styles.scroll}>
      <Table aria-label={label} size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column.key}>{column.header}</TableHeaderCell>
            ))}
            {actions ? <TableHeaderCell>Actions</TableHeaderCell> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((column) => (
                <TableCell key={column.key} className={column.align === 'end' ? styles.end : undefined}>
                  {column.cell(row)}
                </TableCell>
              ))}
              {actions ? (
                <TableCell>
                  <div className={styles.actions}>
                    {actions.of(row).map((action) => (
                      <Button
                        key={action.label}
                        size="small"
                        aria-label={`${action.label} ${actions.rowName(row)}`}
                        disabledFocusable={action.disabled}
                        onClick={action.onClick}
                      >
                        {action.label}
                      </Button>
                    ))}
                  </div>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

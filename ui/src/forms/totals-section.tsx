/**
 * The totals of a sales record: the header discount and freight the user sets, and the amounts the
 * server computes (Detail Amount, Total Tax, Total Amount...), shown as the server formats them.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { formatted, type Row } from '../data/row';
import type { TotalsDefinition } from '../entities/entity-definition';
import { FieldInput } from './field-input';
import type { FormValues } from './form-values';
import { ReadOnlyValue } from './read-only-value';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface TotalsSectionProps {
  readonly totals: TotalsDefinition;
  readonly row: Row | undefined;
  readonly values: FormValues;
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly onChange: (column: string, value: string) => void;
}

export function TotalsSection({ totals, row, values, problems, disabled, onChange }: TotalsSectionProps) {
  const styles = useStyles();
  return (
    <div className={styles.layout}>
      <div className={styles.column}>
        {totals.editable.map((field) => (
          <FieldInput
            key={field.column}
            field={field}
            value={values[field.column] ?? ''}
            row={row}
            disabled={disabled}
            problem={problems[field.column]}
            onChange={(value) => onChange(field.column, value)}
          />
        ))}
      </div>
      <div className={styles.column}>
        {totals.computed.map((total) => (
          <ReadOnlyValue
            key={total.column}
            label={total.label}
            value={formatted(row, total.column) || '-'}
            numeric
            emphasis={total.column === 'totalamount'}
          />
        ))}
      </div>
    </div>
  );
}

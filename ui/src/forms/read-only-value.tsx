/**
 * A value the server computes (a total, a processing status), shown as Dynamics shows locked fields: a
 * labelled read-only input, which keyboard and screen reader users reach and read like any field.
 */
import { Field, Input } from '@fluentui/react-components';

export interface ReadOnlyValueProps {
  readonly label: string;
  readonly value: string;
  /** Amounts align right, like the figures of the product lines. */
  readonly numeric?: boolean;
  readonly emphasis?: boolean;
}

export function ReadOnlyValue({ label, value, numeric, emphasis }: ReadOnlyValueProps) {
  return (
    <Field label={label}>
      <Input
        readOnly
        appearance="filled-darker"
        value={value}
        input={{ style: { textAlign: numeric ? 'right' : undefined, fontWeight: emphasis ? 700 : undefined } }}
      />
    </Field>
  );
}

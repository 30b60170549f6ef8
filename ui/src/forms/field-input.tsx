/** One field of a form: a labelled Fluent control chosen by the column's kind. */
import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import { formatted, lookupColumn, type Row } from '../data/row';
import type { FieldDefinition } from '../entities/entity-definition';
import { LookupSelect } from './lookup-select';

export interface FieldInputProps {
  readonly field: FieldDefinition;
  readonly value: string;
  readonly row: Row | undefined;
  readonly disabled: boolean;
  readonly problem?: string;
  readonly onChange: (value: string) => void;
}

export function FieldInput({ field, value, row, disabled, problem, onChange }: FieldInputProps) {
  return (
    <Field
      label={field.label}
      required={field.required}
      hint={field.hint}
      validationMessage={problem}
      validationState={problem ? 'error' : 'none'}
    >
      <Control field={field} value={value} row={row} disabled={disabled} onChange={onChange} />
    </Field>
  );
}

function Control({ field, value, row, disabled, onChange }: Omit<FieldInputProps, 'problem'>) {
  switch (field.kind) {
    case 'lookup':
      return (
        <LookupSelect
          target={field.lookup!}
          value={value}
          currentName={formatted(row, lookupColumn(field.column))}
          disabled={disabled}
          onChange={onChange}
        />
      );
    case 'choice':
      return (
        <Select value={value} disabled={disabled} onChange={(_event, data) => onChange(data.value)}>
          <option value="">(none)</option>
          {field.choices?.map((choice) => (
            <option key={choice.value} value={String(choice.value)}>
              {choice.label}
            </option>
          ))}
        </Select>
      );
    case 'multiline':
      return (
        <Textarea
          value={value}
          disabled={disabled}
          resize="vertical"
          onChange={(_event, data) => onChange(data.value)}
        />
      );
    case 'date':
      return <Input type="date" value={value} disabled={disabled} onChange={(_event, data) => onChange(data.value)} />;
    case 'money':
    case 'decimal':
    case 'integer':
      return (
        <Input
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          value={value}
          disabled={disabled}
          onChange={(_event, data) => onChange(data.value)}
        />
      );
    case 'text':
      return <Input value={value} disabled={disabled} onChange={(_event, data) => onChange(data.value)} />;
  }
}

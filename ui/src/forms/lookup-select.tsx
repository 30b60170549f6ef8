/**
 * A lookup as a native select of the related table's rows (by name, up to 250): keyboard and screen
 * readers handle it as they handle any select. The current value is kept even when it is not among them.
 */
import { Select } from '@fluentui/react-components';
import { describeError } from '../api/describe-error';
import { useQuery } from '../data/use-query';
import type { LookupTarget } from '../entities/entity-definition';
import { useSession } from '../session/session-context';

const MAX_CHOICES = 250;

export interface LookupSelectProps {
  readonly target: LookupTarget;
  readonly value: string;
  /** The current value's name, from the record's formatted value. */
  readonly currentName: string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
}

export function LookupSelect({ target, value, currentName, disabled, onChange }: LookupSelectProps) {
  const { client } = useSession();
  const choices = useQuery(`lookup|${target.set}|${target.filter ?? ''}`, () =>
    client.retrieveMultiple({
      collection: target.set,
      select: [target.id, target.name],
      ...(target.filter ? { filter: target.filter } : {}),
      orderBy: [`${target.name} asc`],
      top: MAX_CHOICES,
    }),
  );
  const rows = choices.data?.value ?? [];
  const listed = rows.some((row) => row[target.id] === value);
  return (
    <Select value={value} disabled={disabled} onChange={(_event, data) => onChange(data.value)}>
      <option value="">
        {choices.loading
          ? 'Loading…'
          : choices.error
            ? `Choices unavailable: ${describeError(choices.error)}`
            : '(none)'}
      </option>
      {value && !listed ? <option value={value}>{currentName || value}</option> : null}
      {rows.map((row) => (
        <option key={String(row[target.id])} value={String(row[target.id])}>
          {String(row[target.name] ?? '(no name)')}
        </option>
      ))}
    </Select>
  );
}

/**
 * Close Opportunity, as Sales asks it: won or lost, the status reason, the actual revenue, the close
 * date and a description, kept on the opportunity close activity (WinOpportunity / LoseOpportunity
 * with OpportunityClose and Status). The status reasons come from the server's table metadata.
 */
import { Field, Input, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { StatusMetadata } from '../../../src/domain/metadata/table-metadata';
import { opportunity } from '../../../src/domain/metadata/tables/opportunity';
import { exactDecimal } from '../api/exact-json';
import type { CommandDialogProps } from '../entities/entity-definition';
import { OpportunityState } from '../entities/state-names';
import { FormDialog } from './form-dialog';

const statusesOf = (state: number): readonly StatusMetadata[] =>
  opportunity.states.find((candidate) => candidate.value === state)?.statuses ?? [];

const today = () => new Date().toISOString().slice(0, 10);

/**
 * At most 15 significant digits: such a decimal survives the trip through a JavaScript number and back
 * to JSON text unchanged, so the server (which parses JSON numbers exactly) gets what was typed.
 */
const MONEY = /^\d{1,11}(\.\d{1,4})?$/;

/** Close as Won opens the dialog on Won, Close as Lost on Lost; the user may still change it. */
export const CloseAsWonDialog = (props: CommandDialogProps) => <CloseOpportunityDialog {...props} initiallyWon />;
export const CloseAsLostDialog = (props: CommandDialogProps) => (
  <CloseOpportunityDialog {...props} initiallyWon={false} />
);

function CloseOpportunityDialog({
  context,
  onDone,
  onCancel,
  initiallyWon,
}: CommandDialogProps & { readonly initiallyWon: boolean }) {
  const { client, id, record } = context;
  const [won, setWon] = useState(initiallyWon);
  const reasons = statusesOf(won ? OpportunityState.Won : OpportunityState.Lost);
  const [reason, setReason] = useState<string | undefined>();
  const estimated = record.estimatedvalue;
  const [revenue, setRevenue] = useState(
    typeof estimated === 'number' || typeof estimated === 'string' ? String(estimated) : '',
  );
  const [closeDate, setCloseDate] = useState(today());
  const [description, setDescription] = useState('');
  const [revenueProblem, setRevenueProblem] = useState<string | undefined>();
  const chosenReason = reason && reasons.some((option) => String(option.value) === reason) ? reason : undefined;

  async function close() {
    const amount = revenue.trim();
    if (amount && !MONEY.test(amount)) {
      setRevenueProblem('Enter an amount such as 12500 or 12500.50.');
      return;
    }
    setRevenueProblem(undefined);
    await client.callAction({
      actionName: won ? 'WinOpportunity' : 'LoseOpportunity',
      action: {
        OpportunityClose: {
          subject: won ? 'Opportunity won' : 'Opportunity lost',
          ...(amount ? { actualrevenue: exactDecimal(amount) } : {}),
          actualend: `${closeDate}T00:00:00Z`,
          ...(description.trim() ? { description: description.trim() } : {}),
          'opportunityid@odata.bind': `/opportunities(${id})`,
        },
        Status: chosenReason ? Number(chosenReason) : -1,
      },
    });
    onDone({ message: won ? 'The opportunity is won.' : 'The opportunity is lost.' });
  }

  return (
    <FormDialog title="Close Opportunity" submitLabel="Close Opportunity" onSubmit={close} onCancel={onCancel}>
      <Field label="Outcome">
        <RadioGroup value={won ? 'won' : 'lost'} onChange={(_event, data) => setWon(data.value === 'won')}>
          <Radio value="won" label="Won" />
          <Radio value="lost" label="Lost" />
        </RadioGroup>
      </Field>
      <Field label="Status Reason">
        <Select value={chosenReason ?? String(reasons[0]?.value ?? '')} onChange={(_e, data) => setReason(data.value)}>
          {reasons.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Actual Revenue" validationMessage={revenueProblem}>
        <Input inputMode="decimal" value={revenue} onChange={(_event, data) => setRevenue(data.value)} />
      </Field>
      <Field label="Close Date" required>
        <Input type="date" required value={closeDate} onChange={(_event, data) => setCloseDate(data.value)} />
      </Field>
      <Field label="Description">
        <Textarea value={description} maxLength={2000} onChange={(_event, data) => setDescription(data.value)} />
      </Field>
    </FormDialog>
  );
}

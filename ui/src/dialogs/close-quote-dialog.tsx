/**
 * Close Quote, as Sales asks it: the outcome (won, or closed as lost or canceled, the status reasons of
 * the server's metadata), the close date and a description, kept on the quote close activity (WinQuote
 * or CloseQuote with QuoteClose and Status). Outcomes are offered as the server allows them; a closed
 * quote is never reactivated (Revise makes a new draft from it).
 */
import { Field, Input, Radio, RadioGroup, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { CommandDialogProps } from '../entities/entity-definition';
import { QuoteState, QuoteStatus } from '../entities/state-names';
import { FormDialog } from './form-dialog';
import { statusReasons, today } from './status-reasons';

interface Outcome {
  readonly key: string;
  readonly label: string;
  readonly message: 'WinQuote' | 'CloseQuote';
  readonly status: number;
}

/** Won, then the Closed reasons; Revised is what Revise does, with the new draft it makes. */
const OUTCOMES: readonly Outcome[] = [
  ...statusReasons('quote', QuoteState.Won).map((status) => ({
    key: String(status.value),
    label: status.label,
    message: 'WinQuote' as const,
    status: status.value,
  })),
  ...statusReasons('quote', QuoteState.Closed)
    .filter((status) => status.value !== QuoteStatus.Revised)
    .map((status) => ({
      key: String(status.value),
      label: status.label,
      message: 'CloseQuote' as const,
      status: status.value,
    })),
];

export function CloseQuoteDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id, allowedMessages } = context;
  const offered = OUTCOMES.filter((outcome) => allowedMessages?.has(outcome.message) === true);
  const [chosen, setChosen] = useState(offered.find((outcome) => outcome.message === 'CloseQuote') ?? offered[0]);
  const [closeDate, setCloseDate] = useState(today());
  const [description, setDescription] = useState('');

  async function close() {
    if (!chosen) return;
    await client.callAction({
      actionName: chosen.message,
      action: {
        QuoteClose: {
          subject: chosen.message === 'WinQuote' ? 'Quote won' : 'Quote closed',
          actualend: `${closeDate}T00:00:00Z`,
          ...(description.trim() ? { description: description.trim() } : {}),
          'quoteid@odata.bind': `/quotes(${id})`,
        },
        Status: chosen.status,
      },
    });
    onDone({
      message: chosen.message === 'WinQuote' ? 'The quote is won.' : `The quote is closed as ${chosen.label}.`,
    });
  }

  return (
    <FormDialog
      title="Close this quote?"
      submitLabel="Close Quote"
      onSubmit={close}
      onCancel={onCancel}
      describedBy="close-quote-effect"
    >
      <Text id="close-quote-effect" as="p">
        A closed quote is read-only and is not reopened; Revise makes a new draft from it.
      </Text>
      <Field label="Status Reason">
        <RadioGroup
          value={chosen?.key ?? ''}
          onChange={(_event, data) => setChosen(offered.find((outcome) => outcome.key === data.value))}
        >
          {offered.map((outcome) => (
            <Radio key={outcome.key} value={outcome.key} label={outcome.label} />
          ))}
        </RadioGroup>
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

/**
 * Create Order from a quote, as Sales asks it: what happens (an order copied from the quote opens next;
 * an Active quote is closed as Won, with the date won and a description on its quote close), and, when
 * the quote has an opening opportunity the server lets the user win, whether to close that opportunity
 * as won too, with its actual revenue.
 *
 * Both happen in one `$batch` change set (ConvertQuoteToSalesOrder, then WinOpportunity): the server
 * runs it in one transaction, so either the order exists and the opportunity is won, or nothing changed
 * and the dialog says why (docs/ui.md).
 */
import { Checkbox, Field, Input, Spinner, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Client } from '../api/client';
import { describeError } from '../api/describe-error';
import { exactDecimal } from '../api/exact-json';
import { loadAllowedMessages } from '../commands/allowed-messages';
import { useQuery } from '../data/use-query';
import type { CommandDialogProps } from '../entities/entity-definition';
import { QuoteState } from '../entities/state-names';
import { recordPath } from '../routing/routes';
import { FormDialog } from './form-dialog';
import { today } from './status-reasons';

/** As the Close Opportunity dialog: at most 15 significant digits survive a JavaScript number unchanged. */
const MONEY = /^\d{1,11}(\.\d{1,4})?$/;

const convertRequest = (quoteId: string, closeDate: string | undefined, description: string) => ({
  actionName: 'ConvertQuoteToSalesOrder',
  action: {
    QuoteId: quoteId,
    ColumnSet: { AllColumns: true },
    ...(closeDate ? { QuoteCloseDate: `${closeDate}T00:00:00Z` } : {}),
    ...(closeDate && description ? { QuoteCloseDescription: description } : {}),
  },
});

interface OpportunityWin {
  readonly opportunityId: string;
  readonly revenue: string;
  readonly closeDate: string;
  readonly description: string;
}

/** A part of a failed change set, as dynamics-web-api hands it back: the server's error under `error`. */
function batchFailure(part: unknown): unknown {
  if (!(part instanceof Error)) return undefined;
  const inner = (part as Error & { error?: { message?: string }; status?: number }).error;
  return { status: (part as { status?: number }).status, message: inner?.message ?? part.message };
}

/** The order and the opportunity's win in one change set: both are written, or neither. */
async function convertAndWin(client: Client, request: ReturnType<typeof convertRequest>, win: OpportunityWin) {
  client.startBatch();
  void client.callAction(request);
  void client.callAction({
    actionName: 'WinOpportunity',
    action: {
      OpportunityClose: {
        subject: 'Opportunity won',
        ...(win.revenue ? { actualrevenue: exactDecimal(win.revenue) } : {}),
        actualend: `${win.closeDate}T00:00:00Z`,
        ...(win.description ? { description: win.description } : {}),
        'opportunityid@odata.bind': `/opportunities(${win.opportunityId})`,
      },
      Status: -1,
    },
  });
  const outcome: unknown = await client.executeBatch().catch((failure: unknown) => failure);
  const parts = Array.isArray(outcome) ? outcome : [outcome];
  for (const part of parts) {
    const failure = batchFailure(part);
    if (failure) throw failure;
  }
  return parts[0] as Record<string, unknown> | undefined;
}

export function CreateOrderDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id, record } = context;
  const activeQuote = record.statecode === QuoteState.Active;
  const opportunityId = typeof record._opportunityid_value === 'string' ? record._opportunityid_value : undefined;
  const opportunityName = String(record._opportunityid_value_Formatted ?? 'the opportunity');
  // Whether the server lets this user win the quote's opportunity now.
  const opportunity = useQuery(`allowed|opportunities|${opportunityId ?? 'none'}`, async () =>
    opportunityId ? loadAllowedMessages(client, 'opportunity', opportunityId) : undefined,
  );
  const canWin = opportunity.data?.has('WinOpportunity') === true;
  const [closeOpportunity, setCloseOpportunity] = useState(true);
  const total = record.totalamount;
  const [revenue, setRevenue] = useState(typeof total === 'number' || typeof total === 'string' ? String(total) : '');
  const [revenueProblem, setRevenueProblem] = useState<string | undefined>();
  const [dateWon, setDateWon] = useState(today());
  const [description, setDescription] = useState('');

  async function createOrder() {
    const amount = revenue.trim();
    const winning = canWin && closeOpportunity && opportunityId !== undefined;
    if (winning && amount && !MONEY.test(amount)) {
      setRevenueProblem('Enter an amount such as 12500 or 12500.50.');
      return;
    }
    setRevenueProblem(undefined);
    const request = convertRequest(id, activeQuote ? dateWon : undefined, description.trim());
    const order = winning
      ? await convertAndWin(client, request, {
          opportunityId,
          revenue: amount,
          closeDate: dateWon,
          description: description.trim(),
        })
      : await client.callAction<Record<string, unknown>>(request);
    const orderId = order?.salesorderid;
    if (typeof orderId !== 'string') throw new Error('ConvertQuoteToSalesOrder did not answer the new order.');
    onDone({
      navigateTo: recordPath('orders', orderId),
      message: winning
        ? `The order was created from the quote, and ${opportunityName} is closed as won.`
        : 'The order was created from the quote.',
    });
  }

  return (
    <FormDialog
      title="Create an order from this quote?"
      submitLabel="Create Order"
      onSubmit={createOrder}
      onCancel={onCancel}
      describedBy="create-order-effect"
    >
      <Text id="create-order-effect" as="p">
        {activeQuote
          ? 'A new order is made from the quote and its products, and opens next. The quote is closed as Won: it can no longer be edited (Revise makes a new draft).'
          : 'The quote is already won: another order is made from it and its products, and opens next.'}
      </Text>
      <Field label="Date Won" required>
        <Input type="date" required value={dateWon} onChange={(_event, data) => setDateWon(data.value)} />
      </Field>
      {opportunityId === undefined ? null : opportunity.data ? (
        canWin ? (
          <>
            <Checkbox
              checked={closeOpportunity}
              onChange={(_event, data) => setCloseOpportunity(data.checked === true)}
              label={`Close the opportunity ${opportunityName} as won`}
            />
            {closeOpportunity ? (
              <Field label="Actual Revenue" validationMessage={revenueProblem}>
                <Input inputMode="decimal" value={revenue} onChange={(_event, data) => setRevenue(data.value)} />
              </Field>
            ) : null}
          </>
        ) : (
          <Text as="p">
            The opportunity {opportunityName} stays as it is:{' '}
            {opportunity.data.reason('WinOpportunity') ?? 'it cannot be closed as won now'}.
          </Text>
        )
      ) : opportunity.error ? (
        <Text as="p">The opportunity stays as it is: {describeError(opportunity.error)}</Text>
      ) : (
        <Spinner size="tiny" label="Checking the opportunity…" />
      )}
      <Field label="Description">
        <Textarea value={description} maxLength={2000} onChange={(_event, data) => setDescription(data.value)} />
      </Field>
    </FormDialog>
  );
}

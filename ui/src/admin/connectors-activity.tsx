/**
 * What the bridge did: recent deliveries with their status, and the reconciliation report's four
 * sections, its dead letters with Replay (./connectors-dead-letters.tsx).
 */
import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { DeadLetters } from './connectors-dead-letters';
import { type Connector, type Delivery, type ReconciliationReport, TEST_EVENT_TYPE } from './connectors-requests';

const useStyles = makeStyles({
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function SimpleTable({ label, headers, rows }: { label: string; headers: string[]; rows: ReactNode[][] }) {
  return (
    <Table aria-label={label} size="small">
      <TableHeader>
        <TableRow>
          {headers.map((header) => (
            <TableHeaderCell key={header}>{header}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((cells, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are rebuilt whole on every load.
          <TableRow key={index}>
            {cells.map((cell, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells never move.
              <TableCell key={column}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string | null;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section className={styles.block} aria-labelledby={id}>
      <h3 id={id} className={styles.title}>
        {title}
      </h3>
      {empty ? <Text>{empty}</Text> : children}
    </section>
  );
}

const lastOutcome = (delivery: Delivery) =>
  [delivery.lastHttpStatus === null ? '' : `HTTP ${delivery.lastHttpStatus}`, delivery.lastError ?? '']
    .filter(Boolean)
    .join(': ');

export function DeliveriesTable({ deliveries, connectors }: { deliveries: Delivery[]; connectors: Connector[] }) {
  const names = new Map(connectors.map((connector) => [connector.id, connector.name]));
  if (deliveries.length === 0) return <Text>No deliveries yet.</Text>;
  return (
    <SimpleTable
      label="Recent deliveries"
      headers={['Queued', 'Event', 'Order', 'Connector', 'Status', 'Attempts', 'Last outcome']}
      rows={deliveries.map((delivery) => [
        new Date(delivery.createdAt).toLocaleString(),
        delivery.eventType,
        delivery.eventType === TEST_EVENT_TYPE ? '(test event)' : delivery.orderId,
        names.get(delivery.connectorId) ?? '(deleted connector)',
        delivery.status,
        String(delivery.attempts),
        lastOutcome(delivery),
      ])}
    />
  );
}

export interface ReconciliationSectionsProps {
  readonly report: ReconciliationReport;
  /** Replays one dead letter, or every one when none is named. */
  readonly onReplay: (deliveryId?: string) => void;
  readonly replaying: boolean;
}

export function ReconciliationSections({ report, onReplay, replaying }: ReconciliationSectionsProps) {
  return (
    <>
      <Section
        id="report-unacknowledged"
        title={`Not acknowledged after ${report.unacknowledgedMinutes} minutes`}
        empty={
          report.unacknowledged.length === 0
            ? `No order has waited more than ${report.unacknowledgedMinutes} minutes for an acknowledgement.`
            : null
        }
      >
        <SimpleTable
          label="Orders not acknowledged"
          headers={['Order', 'Submitted', 'Minutes waiting']}
          rows={report.unacknowledged.map((order) => [
            order.ordernumber,
            order.ol_submittedon,
            String(order.MinutesWaiting),
          ])}
        />
      </Section>
      <Section
        id="report-totals"
        title="Totals that differ from the back office"
        empty={report.totalsDiffer.length === 0 ? 'No acknowledged order has a different back-office total.' : null}
      >
        <SimpleTable
          label="Totals that differ"
          headers={['Order', 'Back-office number', 'Orderline total', 'Back-office total']}
          rows={report.totalsDiffer.map((order) => [
            order.ordernumber,
            order.ol_backofficeordernumber ?? '',
            String(order.totalamount ?? ''),
            String(order.ol_backofficetotalamount ?? ''),
          ])}
        />
      </Section>
      <DeadLetters deadLettered={report.deadLettered} onReplay={onReplay} busy={replaying} />
      <Section
        id="report-without"
        title="Events written while no connector existed"
        empty={report.withoutConnector.length === 0 ? 'None: every event has a connector to go to.' : null}
      >
        <SimpleTable
          label="Events without a connector"
          headers={['Event id', 'Event', 'Order']}
          rows={report.withoutConnector.map((event) => [
            event.ol_outboxeventid,
            event.ol_eventtype,
            event.salesorderid,
          ])}
        />
      </Section>
    </>
  );
}

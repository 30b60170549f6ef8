/**
 * What the bridge did: recent deliveries with their status, and the reconciliation report's four
 * sections. Dead letters are replayed with the CLI (`orderline outbox replay`): the Web API serves the
 * deliveries read-only, so the page says how instead of offering a button the server would refuse.
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
import type { Connector, Delivery, ReconciliationReport } from './connectors-requests';

const useStyles = makeStyles({
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  code: { fontFamily: tokens.fontFamilyMonospace },
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
        delivery.orderId,
        names.get(delivery.connectorId) ?? '(deleted connector)',
        delivery.status,
        String(delivery.attempts),
        lastOutcome(delivery),
      ])}
    />
  );
}

/** Said whether or not anything is dead-lettered now: an operator reads it before they need it. */
function ReplayHint() {
  const styles = useStyles();
  return (
    <Text>
      A delivery still failing at the end of its retry period is dead-lettered. The Web API serves deliveries read-only:
      an operator replays dead letters on the server with{' '}
      <code className={styles.code}>orderline outbox replay --dead-lettered</code> (all) or{' '}
      <code className={styles.code}>orderline outbox replay &lt;delivery id&gt;</code> (one); each is then due at once,
      with a new retry period.
    </Text>
  );
}

export function ReconciliationSections({ report }: { report: ReconciliationReport }) {
  const styles = useStyles();
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
      <ReplayHint />
      <Section
        id="report-dead"
        title={`Dead letters (${report.deadLettered.length})`}
        empty={report.deadLettered.length === 0 ? 'No delivery was dead-lettered.' : null}
      >
        <SimpleTable
          label="Dead letters"
          headers={['Delivery id', 'Event', 'Order', 'Connector', 'Attempts', 'Last error']}
          rows={report.deadLettered.map((delivery) => [
            <code key="id" className={styles.code}>
              {delivery.ol_deliveryid}
            </code>,
            delivery.ol_eventtype,
            delivery.salesorderid,
            delivery.connector ?? '(deleted connector)',
            String(delivery.ol_attempts),
            delivery.ol_lasterror ?? '',
          ])}
        />
      </Section>
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

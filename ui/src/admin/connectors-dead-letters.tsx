/**
 * Dead letters: deliveries still failing at the end of their connector's retry period. Each row has
 * Replay, and "Replay all" replays every one, through `ol_ReplayDeliveries` (the code path of
 * `orderline outbox replay`): each is due at once with a new retry period and keeps its event id, so a
 * receiver that dedupes on it processes it once. Whether the user may replay is the server's answer.
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
  Text,
  tokens,
} from '@fluentui/react-components';
import { type ReconciliationReport, TEST_EVENT_TYPE } from './connectors-requests';

const useStyles = makeStyles({
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

export interface DeadLettersProps {
  readonly deadLettered: ReconciliationReport['deadLettered'];
  /** Replays one delivery, or every dead letter when none is named. */
  readonly onReplay: (deliveryId?: string) => void;
  readonly busy: boolean;
}

export function DeadLetters({ deadLettered, onReplay, busy }: DeadLettersProps) {
  const styles = useStyles();
  return (
    <section className={styles.block} aria-labelledby="report-dead">
      <h3 id="report-dead" className={styles.title}>
        Dead letters ({deadLettered.length})
      </h3>
      <Text>
        A delivery still failing at the end of its connector's retry period is dead-lettered. Replay sends it again at
        once, with a new retry period and its original event id (on the server:{' '}
        <code className={styles.code}>orderline outbox replay</code>).
      </Text>
      {deadLettered.length === 0 ? (
        <Text>No delivery was dead-lettered.</Text>
      ) : (
        <>
          <Button appearance="primary" disabled={busy} onClick={() => onReplay()}>
            Replay all
          </Button>
          <Table aria-label="Dead letters" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Delivery id</TableHeaderCell>
                <TableHeaderCell>Event</TableHeaderCell>
                <TableHeaderCell>Order</TableHeaderCell>
                <TableHeaderCell>Connector</TableHeaderCell>
                <TableHeaderCell>Attempts</TableHeaderCell>
                <TableHeaderCell>Last error</TableHeaderCell>
                <TableHeaderCell>Actions</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deadLettered.map((delivery) => (
                <TableRow key={delivery.ol_deliveryid}>
                  <TableCell>
                    <code className={styles.code}>{delivery.ol_deliveryid}</code>
                  </TableCell>
                  <TableCell>{delivery.ol_eventtype}</TableCell>
                  <TableCell>
                    {delivery.ol_eventtype === TEST_EVENT_TYPE ? '(test event)' : delivery.salesorderid}
                  </TableCell>
                  <TableCell>{delivery.connector ?? '(deleted connector)'}</TableCell>
                  <TableCell>{String(delivery.ol_attempts)}</TableCell>
                  <TableCell>{delivery.ol_lasterror ?? ''}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={`Replay ${delivery.ol_eventtype} ${delivery.ol_deliveryid}`}
                      onClick={() => onReplay(delivery.ol_deliveryid)}
                    >
                      Replay
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}

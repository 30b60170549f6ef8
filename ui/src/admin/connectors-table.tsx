/**
 * The connectors, one row each, with what an administrator does to one: send it a test event, rotate
 * a webhook's signing secret, activate or deactivate it. Every button is a Web API call; the page shows
 * the server's answer or its refusal.
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
  Toolbar,
  ToolbarButton,
  tokens,
} from '@fluentui/react-components';
import { CONNECTOR_KIND_WEBHOOK, type Connector } from './connectors-requests';

const useStyles = makeStyles({
  url: { overflowWrap: 'anywhere' },
  actions: { padding: 0, flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export interface ConnectorsTableProps {
  readonly connectors: readonly Connector[];
  readonly onToggle: (connector: Connector) => void;
  readonly onSendTestEvent: (connector: Connector) => void;
  readonly onRotateSecret: (connector: Connector) => void;
}

export function ConnectorsTable({ connectors, onToggle, onSendTestEvent, onRotateSecret }: ConnectorsTableProps) {
  const styles = useStyles();
  if (connectors.length === 0) return <Text>No connector yet.</Text>;
  return (
    <Table aria-label="Connectors">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Kind</TableHeaderCell>
          <TableHeaderCell>URL</TableHeaderCell>
          <TableHeaderCell>State</TableHeaderCell>
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {connectors.map((connector) => (
          <TableRow key={connector.id}>
            <TableCell>{connector.name}</TableCell>
            <TableCell>{connector.kind}</TableCell>
            <TableCell className={styles.url}>
              {connector.url}
              {connector.exchange ? ` (exchange ${connector.exchange})` : ''}
            </TableCell>
            <TableCell>
              {connector.active ? 'Active' : 'Inactive'}
              {connector.disabledReason ? ` (${connector.disabledReason})` : ''}
            </TableCell>
            <TableCell>
              <Toolbar aria-label={`Actions on ${connector.name}`} size="small" className={styles.actions}>
                <ToolbarButton
                  aria-label={`Send test event to ${connector.name}`}
                  onClick={() => onSendTestEvent(connector)}
                >
                  Send test event
                </ToolbarButton>
                {connector.kindCode === CONNECTOR_KIND_WEBHOOK ? (
                  <ToolbarButton
                    aria-label={`Rotate secret of ${connector.name}`}
                    onClick={() => onRotateSecret(connector)}
                  >
                    Rotate secret
                  </ToolbarButton>
                ) : null}
                <ToolbarButton
                  aria-label={`${connector.active ? 'Deactivate' : 'Activate'} ${connector.name}`}
                  onClick={() => onToggle(connector)}
                >
                  {connector.active ? 'Deactivate' : 'Activate'}
                </ToolbarButton>
              </Toolbar>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

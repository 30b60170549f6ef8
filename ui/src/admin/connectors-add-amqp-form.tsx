/**
 * "Add AMQP connector": name, broker URL, password, exchange, sent as a new `ol_connectors` row of kind
 * AMQP. Events are published to the exchange (a durable topic exchange; the server's default when left
 * empty) with the order id as routing key. The server checks the URL (amqp:// or amqps://, no password
 * in it: that goes in the write-only secret) and says what is wrong.
 */
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { NewAmqpConnector } from './connectors-requests';

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  wide: { minWidth: '280px', flexGrow: 1 },
  title: { margin: 0, flexBasis: '100%', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export interface AddAmqpConnectorFormProps {
  /** Resolves when saved (the form then clears); rejects with the server's refusal, kept in the form. */
  readonly onAdd: (connector: NewAmqpConnector) => Promise<void>;
}

export function AddAmqpConnectorForm({ onAdd }: AddAmqpConnectorFormProps) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [exchange, setExchange] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onAdd({ name: name.trim(), url: url.trim(), password, exchange: exchange.trim() });
      setName('');
      setUrl('');
      setPassword('');
      setExchange('');
    } catch {
      // The page shows the refusal; what was typed stays so it can be corrected.
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="add-amqp-heading">
      <h3 id="add-amqp-heading" className={styles.title}>
        Add AMQP connector
      </h3>
      <Field label="Name" required>
        <Input value={name} maxLength={100} onChange={(_event, data) => setName(data.value)} />
      </Field>
      <Field
        label="Broker URL"
        required
        className={styles.wide}
        hint="amqp:// or amqps://, with the user but not the password: amqp://orderline@rabbitmq:5672/vhost"
      >
        <Input value={url} maxLength={2000} onChange={(_event, data) => setUrl(data.value)} />
      </Field>
      <Field label="Password" hint="Never shown again once saved.">
        <Input
          type="password"
          autoComplete="off"
          value={password}
          onChange={(_event, data) => setPassword(data.value)}
        />
      </Field>
      <Field label="Exchange" hint="A durable topic exchange; orderline.orders when empty. Routing key: the order id.">
        <Input value={exchange} maxLength={255} onChange={(_event, data) => setExchange(data.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        Add AMQP connector
      </Button>
    </form>
  );
}

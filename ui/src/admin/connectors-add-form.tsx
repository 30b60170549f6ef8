/**
 * "Add webhook connector": name, URL and signing secret, sent as a new `ol_connectors` row. The server
 * checks the URL and the secret format (`whsec_` + base64 of at least 16 bytes, space separated while
 * rotating) and says what is wrong; the secret is write-only, so it is never shown again once saved.
 */
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { NewWebhookConnector } from './connectors-requests';

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  wide: { minWidth: '280px', flexGrow: 1 },
  title: { margin: 0, flexBasis: '100%', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export interface AddConnectorFormProps {
  /** Resolves when saved (the form then clears); rejects with the server's refusal, kept in the form. */
  readonly onAdd: (connector: NewWebhookConnector) => Promise<void>;
}

export function AddConnectorForm({ onAdd }: AddConnectorFormProps) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onAdd({ name: name.trim(), url: url.trim(), secret: secret.trim() });
      setName('');
      setUrl('');
      setSecret('');
    } catch {
      // The page shows the refusal; what was typed stays so it can be corrected.
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="add-connector-heading">
      <h3 id="add-connector-heading" className={styles.title}>
        Add webhook connector
      </h3>
      <Field label="Name" required>
        <Input value={name} maxLength={100} onChange={(_event, data) => setName(data.value)} />
      </Field>
      <Field label="URL" required className={styles.wide} hint="http:// or https://; redirects are not followed.">
        <Input type="url" value={url} maxLength={2000} onChange={(_event, data) => setUrl(data.value)} />
      </Field>
      <Field
        label="Signing secret"
        className={styles.wide}
        hint="whsec_ followed by base64 (at least 16 bytes); two separated by a space while rotating. Never shown again once saved."
      >
        <Input type="password" autoComplete="off" value={secret} onChange={(_event, data) => setSecret(data.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        Add webhook connector
      </Button>
    </form>
  );
}

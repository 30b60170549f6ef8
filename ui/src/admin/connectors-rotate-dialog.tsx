/**
 * Rotate a webhook's signing secret. The secret is write-only, so the page cannot read the current
 * one: to keep receivers that still check it working during the change, the administrator pastes it as
 * well, and the server signs every request with both (Standard Webhooks' several signatures). Saving
 * only the new one ends the rotation. Nothing typed here is shown again once saved.
 */
import { Field, Input, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { FormDialog } from '../dialogs/form-dialog';
import type { Connector } from './connectors-requests';

export interface RotateSecretDialogProps {
  readonly connector: Connector;
  /** Saves `secrets` (the new one, then the current one after a space while rotating); rejects with the refusal. */
  readonly onSave: (secrets: string) => Promise<void>;
  readonly onCancel: () => void;
}

export function RotateSecretDialog({ connector, onSave, onCancel }: RotateSecretDialogProps) {
  const [next, setNext] = useState('');
  const [current, setCurrent] = useState('');
  return (
    <FormDialog
      title={`Rotate the secret of ${connector.name}`}
      submitLabel="Save secret"
      onSubmit={() => onSave([next.trim(), current.trim()].filter(Boolean).join(' '))}
      onCancel={onCancel}
      describedBy="rotate-secret-help"
    >
      <Text id="rotate-secret-help">
        Requests are signed with the new secret from the next delivery on. While your receiver still checks the current
        secret, paste it too: each request then carries a signature for both. Rotate again with only the new secret once
        the receiver has moved to it.
      </Text>
      <Field label="New signing secret" required hint="whsec_ followed by base64 (at least 16 bytes).">
        <Input type="password" autoComplete="off" value={next} onChange={(_event, data) => setNext(data.value)} />
      </Field>
      <Field label="Current signing secret (optional)" hint="Kept signing until the next rotation; never shown again.">
        <Input type="password" autoComplete="off" value={current} onChange={(_event, data) => setCurrent(data.value)} />
      </Field>
    </FormDialog>
  );
}

/**
 * The confirmation before the integration is turned on or off, saying what follows. Turning it on with
 * no active connector warns first: orders submitted from then on are locked and wait for a back office
 * that is not there (they are delivered, in order, to the first connector added).
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { FormDialog } from '../dialogs/form-dialog';

export interface IntegrationSwitchDialogProps {
  readonly turningOn: boolean;
  /** From the server's integration status. */
  readonly activeConnectors: number;
  /** Saves the switch; a refusal stays in the dialog, in the server's words. */
  readonly onConfirm: () => Promise<void>;
  readonly onCancel: () => void;
}

export function IntegrationSwitchDialog({
  turningOn,
  activeConnectors,
  onConfirm,
  onCancel,
}: IntegrationSwitchDialogProps) {
  return (
    <FormDialog
      title={turningOn ? 'Turn the integration on?' : 'Turn the integration off?'}
      submitLabel={turningOn ? 'Turn on' : 'Turn off'}
      onSubmit={onConfirm}
      onCancel={onCancel}
      describedBy="integration-switch-consequences"
    >
      {turningOn && activeConnectors === 0 ? (
        <MessageBar intent="warning" layout="multiline" aria-label="No back office connected">
          <MessageBarBody>
            <MessageBarTitle>No back office connected</MessageBarTitle> No connector is active: orders submitted from
            now on are locked and wait here until an administrator adds one on Administration &gt; Back office, which
            then receives them in order. Add the connector first unless you mean them to wait.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Text id="integration-switch-consequences">
        {turningOn
          ? 'Orders will offer Submit Order instead of Create Invoice. A submitted order is sent to the back office and locked here, except for integration users, who write the back office’s answers.'
          : 'Orders can no longer be submitted to the back office and Create Invoice is available again. Orders already submitted stay Submitted and read-only, but no longer belong to the back office: whoever may edit them can reopen them to edit, fulfill, cancel or invoice them.'}
      </Text>
    </FormDialog>
  );
}

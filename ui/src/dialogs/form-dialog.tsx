/**
 * The one dialog scaffold of the Sales Hub: a modal form with a title, its fields, a primary button that
 * submits and Cancel. While the submission runs both buttons are disabled, so a click cannot send it
 * twice; a refusal from the server is shown in plain words at the top and stays in the dialog, beside
 * what the user typed (docs/ui.md). Fluent's Dialog keeps the focus inside until it closes, with Cancel
 * or Escape; the dialog then gives it back to the button that opened it.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, type ReactNode, useState } from 'react';
import { describeError } from '../api/describe-error';
import { useFocusReturn } from './use-focus-return';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface FormDialogProps {
  /** The dialog's accessible name as well as its heading. */
  readonly title: string;
  /** The primary button's text (Add, Save line, Save). */
  readonly submitLabel: string;
  /**
   * Saves what the dialog holds. A thrown error is shown in the dialog; returning closes nothing by
   * itself: the caller unmounts the dialog once it is done, or returns early when its own check of the
   * fields found a problem (shown on the field).
   */
  readonly onSubmit: () => Promise<void> | void;
  /** Cancel, Escape: the caller unmounts the dialog. */
  readonly onCancel: () => void;
  /** The id of a text in the dialog that describes it; without one the dialog has only its name. */
  readonly describedBy?: string;
  readonly children: ReactNode;
}

export function FormDialog({ title, submitLabel, onSubmit, onCancel, describedBy, children }: FormDialogProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  useFocusReturn();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await onSubmit();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => (data.open ? undefined : onCancel())}>
      {/* Fluent points aria-describedby at the whole content by default, which would read every field twice. */}
      <DialogSurface aria-describedby={describedBy}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {failure ? (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              ) : null}
              {children}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {submitLabel}
              </Button>
              <Button onClick={onCancel} disabled={busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

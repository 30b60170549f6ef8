/** A page's messages as Fluent message bars; errors are announced to screen readers as alerts. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { Messages } from './use-messages';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function MessageList({ messages }: { readonly messages: Messages }) {
  const styles = useStyles();
  if (messages.list.length === 0) return null;
  return (
    <div className={styles.list}>
      {messages.list.map((message) => (
        <MessageBar
          key={message.id}
          intent={message.intent}
          role={message.intent === 'error' ? 'alert' : 'status'}
          layout="multiline"
        >
          <MessageBarBody>{message.text}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => messages.dismiss(message.id)}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </div>
  );
}

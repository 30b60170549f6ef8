/** What could not be loaded, in plain words, with a way to try again. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { describeError } from '../api/describe-error';

export function LoadError({ error, retry }: { readonly error: unknown; readonly retry: () => void }) {
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>{describeError(error)}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={retry}>
          Try again
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

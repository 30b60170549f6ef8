/**
 * A read the server refused, in plain words. The page does not guess from role names who may see what:
 * it asks, and a 403 becomes "the server does not let you see …" with the server's own reason after it.
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { describeError } from '../api/describe-error';

function statusOf(failure: unknown): number | undefined {
  return typeof failure === 'object' && failure !== null ? (failure as { status?: number }).status : undefined;
}

export function refusalSentence(what: string, failure: unknown): string {
  if (statusOf(failure) === 403) {
    const reason = (failure as { message?: string }).message?.trim();
    return `The server does not let you see ${what} with your security role.${reason ? ` Its reason: ${reason}` : ''} Ask a System Administrator if you need them.`;
  }
  return `${what[0]!.toUpperCase()}${what.slice(1)} could not be loaded. ${describeError(failure)}`;
}

export function Refusal({ what, failure }: { readonly what: string; readonly failure: unknown }) {
  return (
    <MessageBar intent={statusOf(failure) === 403 ? 'warning' : 'error'} layout="multiline">
      <MessageBarBody>{refusalSentence(what, failure)}</MessageBarBody>
    </MessageBar>
  );
}

/** A lasting notice about the record on screen (submitted and locked, closed, ...). */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Notice } from '../entities/entity-definition';

export function NoticeBar({ notice }: { readonly notice: Notice }) {
  return (
    <MessageBar intent={notice.intent} layout="multiline" aria-label={notice.title}>
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle> {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}

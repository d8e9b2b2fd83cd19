import { Fragment, useId, type HTMLAttributes, type ReactNode } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useThread } from '../../react/use-thread';
import { Message } from '../message/message';
import { MessageComposer } from '../message-composer/message-composer';
import { flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** Props of `Thread`. */
export interface ThreadProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  /** The message whose replies to show. */
  parentId: string;
  /** Shows a Close button that calls this. */
  onClose?: () => void;
  /** The panel's heading. Default "Thread". */
  heading?: ReactNode;
  /** Renders one message (the parent and each reply); default `<Message showQuote={false} />`. */
  renderMessage?: (message: ChatMessage, role: 'parent' | 'reply') => ReactNode;
  /** Opens a reply's own thread (any message can be replied to, a reply included). */
  onOpenThread?: (message: ChatMessage) => void;
  /** Replies per page. Default 50. */
  pageSize?: number;
}

const status = (text: string) => <p data-natter="thread-status">{text}</p>;

/**
 * A thread panel: the parent message, its replies (live, older pages on demand) and a composer whose messages
 * reply to the parent. `data-loading` (`initial|older`), `data-count` (replies shown), and `data-error` with a
 * "Try again" button when the parent or a page of replies could not load.
 *
 * @example
 * {threadId && <Thread chatId={chatId} parentId={threadId} onClose={() => setThreadId(null)} />}
 */
export const Thread = definePart<HTMLElement, ThreadProps>('thread', 'section', function Thread({
  chatId,
  parentId,
  onClose,
  heading = 'Thread',
  renderMessage,
  onOpenThread,
  pageSize,
  ...props
}) {
  const { parent, replies, hasOlder, loadOlder, isLoading, isLoadingOlder, error, refetch } = useThread(chatId, parentId, { pageSize });
  const headingId = useId();
  const render =
    renderMessage ??
    ((message: ChatMessage, role: 'parent' | 'reply') => (
      <Message message={message} showQuote={false} onOpenThread={role === 'reply' ? onOpenThread : undefined} />
    ));

  const content = (
    <>
      <header data-natter="thread-header">
        <h2 data-natter="thread-title" id={headingId}>
          {heading}
        </h2>
        {onClose && (
          <button type="button" data-natter="thread-close" aria-label="Close thread" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      <div data-natter="thread-parent">{parent ? render(parent, 'parent') : !error && status('Loading…')}</div>
      {error && (
        <p data-natter="thread-error" role="alert">
          {error.message}{' '}
          <button type="button" data-natter="thread-retry" onClick={() => void refetch()}>
            Try again
          </button>
        </p>
      )}
      <div data-natter="thread-replies" role="log" aria-label="Replies" tabIndex={0} aria-busy={isLoading || isLoadingOlder || undefined}>
        {hasOlder && (
          <button type="button" data-natter="thread-load-older" aria-disabled={isLoadingOlder || undefined} onClick={() => void loadOlder()}>
            Load older replies
          </button>
        )}
        {isLoading && replies.length === 0 ? status('Loading replies…') : replies.map((reply) => <Fragment key={reply.key}>{render(reply, 'reply')}</Fragment>)}
      </div>
      <MessageComposer chatId={chatId} parentMessageId={parentId} label="Reply" placeholder="Reply…" />
    </>
  );
  return [
    { 'aria-labelledby': headingId, 'data-loading': isLoading ? 'initial' : isLoadingOlder ? 'older' : undefined, 'data-count': replies.length, 'data-error': flag(error) },
    props,
    content,
  ];
});

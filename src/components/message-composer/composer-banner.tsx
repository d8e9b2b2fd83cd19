import type { HTMLAttributes } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { quoteText } from '../message/message-quote';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** Props of `ComposerBanner`. */
export interface ComposerBannerProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** What the composer is doing to `message`. */
  mode: 'edit' | 'reply';
  message: ChatMessage;
  /** The Cancel button; none without it. */
  onCancel?: () => void;
}

/**
 * Above the composer: "Replying to ben: first line" or "Editing message: …", with a Cancel button. `data-mode`.
 *
 * @example
 * <ComposerBanner mode="reply" message={replyTo} onCancel={() => setReplyTo(null)} />
 */
export const ComposerBanner = definePart<HTMLElement, ComposerBannerProps>('composer-banner', 'div', function ComposerBanner({ mode, message, onCancel, ...props }) {
  const editing = mode === 'edit';
  const content = (
    <>
      <span data-natter="composer-banner-title">{editing ? 'Editing message' : `Replying to ${message.sender.username}`}</span>
      {!editing && <span data-natter="composer-banner-text">{quoteText(message)}</span>}
      {onCancel && (
        <button type="button" data-natter="composer-banner-cancel" aria-label={editing ? 'Cancel editing' : 'Cancel reply'} onClick={onCancel}>
          Cancel
        </button>
      )}
    </>
  );
  return [{ 'data-mode': mode }, props, content];
});

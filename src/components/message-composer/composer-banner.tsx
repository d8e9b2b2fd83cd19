import { forwardRef, type HTMLAttributes } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { firstLine } from '../message/message-quote';
import { renderPart, type AsChildProps } from '../slot/render-part';

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
export const ComposerBanner = forwardRef<HTMLElement, ComposerBannerProps>(function ComposerBanner({ mode, message, onCancel, asChild, ...props }, ref) {
  const title = mode === 'edit' ? 'Editing message' : `Replying to ${message.sender.username}`;
  const quoted = message.deleted_at ? 'Message deleted' : firstLine(message.content) || (message.attachments?.[0]?.file_name ?? '');
  const content = (
    <>
      <span data-natter="composer-banner-title">{title}</span>
      {mode === 'reply' && <span data-natter="composer-banner-text">{quoted}</span>}
      {onCancel && (
        <button type="button" data-natter="composer-banner-cancel" aria-label={mode === 'edit' ? 'Cancel editing' : 'Cancel reply'} onClick={onCancel}>
          Cancel
        </button>
      )}
    </>
  );
  return renderPart('div', asChild, { 'data-natter': 'composer-banner', 'data-mode': mode }, props, ref, content);
});

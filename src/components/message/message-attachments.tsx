import type { CSSProperties, HTMLAttributes } from 'react';
import type { Attachment } from '../../core/protocol/types';
import { useChatClient } from '../../react/context';
import { flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { formatBytes } from './format-bytes';
import { useMessageContext } from './message-context';

/** Image types a browser shows inline (the server serves only these inline, docs/protocol.md 9.5). */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp)$/;
const SAFE_PROTOCOL = /^(https?|blob):$/;

/** `url` resolved against the server, or null for anything that is not http(s) or a local preview (blob:). */
function useSafeUrl(url: string): string | null {
  const { rest } = useChatClient();
  try {
    const resolved = rest.resolveUrl(url);
    return SAFE_PROTOCOL.test(new URL(resolved).protocol) ? resolved : null;
  } catch {
    return null;
  }
}

/** Props of `MessageAttachment`. */
export interface MessageAttachmentProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  attachment: Attachment;
}

/**
 * One file of a message. An image (`data-kind="image"`) shows inline in a box reserved from its `width` × `height`
 * before it loads (so nothing below it moves), linked to the full file; any other file (`data-kind="file"`) is a
 * download link with its name and size.
 *
 * @example
 * {message.attachments.map((a) => <MessageAttachment key={a.id} attachment={a} />)}
 */
export const MessageAttachment = definePart<HTMLElement, MessageAttachmentProps>('attachment', 'div', function MessageAttachment({ attachment, ...props }) {
  const url = useSafeUrl(attachment.url) ?? undefined;
  const image = INLINE_IMAGE.test(attachment.content_type);
  const size = formatBytes(attachment.size);
  const { width, height, file_name: name } = attachment;
  // Both kinds are one link (attributes in the same order): an image opens in a new tab, a file downloads.
  const content = (
    <a href={url} {...(image ? { target: '_blank' } : { download: name })} rel="noopener noreferrer" data-natter="attachment-link">
      {image ? (
        <img
          data-natter="attachment-image"
          src={url}
          alt={name}
          width={width ?? undefined}
          height={height ?? undefined}
          // The intrinsic width as a variable: the stylesheet sizes the box from it before the image loads.
          style={width && height ? ({ aspectRatio: `${width} / ${height}`, '--natter-image-width': `${width}px` } as CSSProperties) : undefined}
          loading="lazy"
          decoding="async"
        />
      ) : (
        <>
          <span data-natter="attachment-name">{name}</span> <span data-natter="attachment-size">{size}</span>
        </>
      )}
    </a>
  );
  return [{ 'data-kind': image ? 'image' : 'file', 'data-attachment-id': attachment.id, title: `${name} (${size})` }, props, content];
});

/**
 * The enclosing message's files, in order; while they upload, `data-uploading` and a `<progress>` of the upload.
 * Nothing for a message without files, or a deleted one.
 *
 * @example
 * <MessageAttachments />
 */
export const MessageAttachments = definePart<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>('message-attachments', 'div', function MessageAttachments(props) {
  const message = useMessageContext('MessageAttachments');
  const attachments = message.attachments ?? [];
  if (attachments.length === 0 || message.deleted_at) return null;
  const progress = message.uploadProgress ?? null;
  return [
    { 'data-count': attachments.length, 'data-uploading': flag(progress !== null) },
    props,
    attachments.map((attachment) => <MessageAttachment key={attachment.id} attachment={attachment} />),
    progress !== null && (
      <progress data-natter="attachment-progress" max={1} value={progress} aria-label="Uploading">
        {`${Math.round(progress * 100)}%`}
      </progress>
    ),
  ];
});

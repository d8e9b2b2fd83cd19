import { NatterError } from './errors';
import { refused, request, unreachable } from './http-request';
import type { Attachment } from './protocol/types';
import type { RestClient } from './rest-client';

/** Options of one upload. */
export interface UploadOptions {
  /** Called with the fraction sent, 0..1 (only where XMLHttpRequest exists; fetch cannot report it). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The file name to send; default the `name` of a `File`, else `file`. */
  fileName?: string;
}

/**
 * Uploads one file to a chat (`POST /chats/{chatId}/uploads`, multipart `file` part) and resolves with the server's
 * attachment. Browsers use XMLHttpRequest, the one API that reports upload progress; elsewhere (Node, workers without
 * XHR) fetch does it without progress. Lives outside the REST client so that only apps that upload bundle it.
 *
 * @example
 * const attachment = await uploadTo(client.rest, chatId, file, { onProgress: (f) => (bar.value = f) });
 */
export async function uploadTo(
  rest: Pick<RestClient, 'authorize'>,
  chatId: string,
  file: Blob,
  { onProgress, signal, fileName }: UploadOptions = {},
): Promise<Attachment> {
  const { url, authorization, fetch: fetchImpl } = await rest.authorize(`/chats/${encodeURIComponent(chatId)}/uploads`);
  const form = new FormData();
  form.append('file', file, fileName ?? (file as Blob & { name?: string }).name ?? 'file');
  const sent =
    typeof XMLHttpRequest === 'undefined'
      ? request<{ attachment: Attachment }>(fetchImpl, url, { method: 'POST', headers: { authorization }, body: form, signal })
      : new Promise<{ attachment: Attachment }>((resolve, reject) => {
          const cancelled = () => reject(new NatterError('network_error', 'The upload was cancelled'));
          // A signal aborted before we listen never fires 'abort' (fetch refuses such a signal too).
          if (signal?.aborted) return cancelled();
          const xhr = new XMLHttpRequest();
          xhr.open('POST', url);
          xhr.setRequestHeader('authorization', authorization);
          xhr.upload.onprogress = ({ lengthComputable, loaded, total }) => {
            if (lengthComputable && total > 0) onProgress?.(Math.min(1, loaded / total));
          };
          xhr.onerror = () => reject(unreachable(url));
          xhr.onabort = cancelled;
          xhr.onload = () => {
            let body: { attachment?: Attachment; error?: { message?: string } } | null = null;
            try {
              body = JSON.parse(xhr.responseText);
            } catch {
              // Not JSON (a proxy's error page, say): reported by status below.
            }
            const { status } = xhr;
            // The whole body, as the fetch path answers.
            if (status >= 200 && status < 300 && body?.attachment) resolve(body as { attachment: Attachment });
            else reject(refused('POST', url, status, body));
          };
          signal?.addEventListener('abort', () => xhr.abort(), { once: true });
          xhr.send(form);
        });
  const { attachment } = await sent;
  onProgress?.(1);
  return attachment;
}

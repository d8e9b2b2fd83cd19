import { NatterError } from './errors';
import { request } from './http-request';
import type { Attachment } from './protocol/types';

/** Options of one upload. */
export interface UploadOptions {
  /** Called with the fraction sent, 0..1 (only where XMLHttpRequest exists; fetch cannot report it). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The file name to send; default the `name` of a `File`, else `file`. */
  fileName?: string;
}

const nameOf = (file: Blob, given?: string) => given ?? (file as Blob & { name?: string }).name ?? 'file';

/**
 * POSTs `file` as multipart (`file` part) with a bearer token. Browsers use XMLHttpRequest, the one API that reports
 * upload progress; elsewhere (Node, workers without XHR) fetch does it without progress.
 *
 * @example
 * const { attachment } = await uploadWithProgress(fetch, url, token, file, { onProgress: (f) => bar.value = f });
 */
export function uploadWithProgress(
  fetchImpl: typeof fetch,
  url: string,
  token: string,
  file: Blob,
  options: UploadOptions = {},
): Promise<{ attachment: Attachment }> {
  const form = new FormData();
  form.append('file', file, nameOf(file, options.fileName));
  if (typeof XMLHttpRequest === 'undefined') {
    return request<{ attachment: Attachment }>(fetchImpl, url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      ...(options.signal ? { signal: options.signal } : {}),
    }).then((answer) => {
      options.onProgress?.(1);
      return answer;
    });
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(1, event.loaded / event.total));
    };
    xhr.onerror = () => reject(new NatterError('network_error', `Could not reach ${new URL(url).origin}`));
    xhr.onabort = () => reject(new NatterError('network_error', 'The upload was cancelled'));
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body?.attachment) {
        options.onProgress?.(1);
        resolve({ attachment: body.attachment });
        return;
      }
      const message = body?.error?.message ?? `POST ${new URL(url).pathname} answered ${xhr.status}`;
      reject(new NatterError(xhr.status === 401 ? 'unauthorized' : 'http_error', message, { status: xhr.status }));
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function parseBody(text: string): { attachment?: Attachment; error?: { message?: string } } | null {
  try {
    return JSON.parse(text) as { attachment?: Attachment; error?: { message?: string } } | null;
  } catch {
    return null;
  }
}

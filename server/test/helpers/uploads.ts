import type { HasUrl } from './http.ts';

/** POSTs one multipart part (named `field`) to the chat's upload route; `token` null sends no Authorization. */
export async function upload(
  server: HasUrl,
  token: string | null,
  chatId: string,
  data: Buffer | string,
  fileName: string,
  type: string,
  field = 'file',
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  form.append(field, new Blob([data], { type }), fileName);
  const res = await fetch(`${server.url}/api/v1/chats/${chatId}/uploads`, {
    method: 'POST',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

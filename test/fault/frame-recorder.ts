import WebSocket from 'ws';

// Frame recording, for reproductions: every frame each client's sockets send and receive (pings and pongs left out).

export interface FrameRecord {
  t: number;
  user: string;
  /** `user#n`: the n-th socket this user opened. */
  socket: string;
  chat: string;
  /** Socket events and frames; `rest`: a history request (and its answer); `client-error`: the client's `error` event. */
  dir: 'out' | 'in' | 'open' | 'close' | 'error' | 'rest' | 'client-error';
  type?: string;
  seq?: number;
  client_id?: string | null;
  last_seq?: number | null;
  code?: string | number;
  note?: string;
}

export function recordingWebSocket(user: string, chatLabel: (chatId: string) => string, frames: FrameRecord[], t0: number) {
  let serial = 0;
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      serial += 1;
      const socket = `${user}#${serial}`;
      const chatId = decodeURIComponent(/\/ws\/chat\/([^/?]+)/.exec(url)?.[1] ?? '');
      const chat = chatId ? chatLabel(chatId) : 'personal';
      const record = (entry: Omit<FrameRecord, 't' | 'user' | 'socket' | 'chat'>) => frames.push({ t: Date.now() - t0, user, socket, chat, ...entry });
      const describe = (text: string) => {
        try {
          const frame = JSON.parse(text) as { type: string; data?: Record<string, unknown> };
          const data = frame.data ?? {};
          return {
            type: frame.type,
            ...(typeof data.seq === 'number' ? { seq: data.seq } : {}),
            ...('client_id' in data ? { client_id: data.client_id as string | null } : {}),
            ...('last_seq' in data ? { last_seq: data.last_seq as number | null } : {}),
            ...(typeof data.code === 'string' ? { code: data.code } : {}),
          };
        } catch {
          return { type: '(unparsable)', note: text.slice(0, 80) };
        }
      };
      this.on('open', () => record({ dir: 'open' }));
      this.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        const text = isBinary ? '' : data.toString();
        const described = describe(text);
        if (described.type !== 'pong') record({ dir: 'in', ...described });
      });
      this.on('close', (code: number, reason: Buffer) => record({ dir: 'close', code, note: reason.toString() }));
      this.on('error', (error: Error) => record({ dir: 'error', note: error.message }));
      const send = this.send.bind(this) as (data: string, ...rest: unknown[]) => void;
      this.send = ((data: string, ...rest: unknown[]) => {
        const described = describe(String(data));
        if (described.type !== 'ping') record({ dir: 'out', ...described });
        send(data, ...rest);
      }) as typeof this.send;
    }
  };
}

/** A `fetch` that records every history request a client makes (gap fills) and how it ended. */
export function recordingFetch(user: string, chatLabel: (chatId: string) => string, frames: FrameRecord[], t0: number): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const history = /\/chats\/([^/]+)\/messages$/.exec(url.pathname);
    if (!history) return fetch(input, init);
    const record = (note: string) =>
      frames.push({ t: Date.now() - t0, user, socket: 'rest', chat: chatLabel(decodeURIComponent(history[1]!)), dir: 'rest', note: `${url.search} ${note}` });
    record('→');
    try {
      const response = await fetch(input, init);
      const body = (await response.clone().json().catch(() => null)) as { messages?: { seq: number }[]; has_more?: boolean } | null;
      const seqs = body?.messages?.map((m) => m.seq) ?? [];
      record(`← ${response.status} ${body ? `seqs ${seqs.length ? `${seqs[0]}-${seqs.at(-1)}` : 'none'} has_more=${body.has_more}` : 'unreadable body'}`);
      return response;
    } catch (error) {
      record(`← failed: ${(error as Error).message}`);
      throw error;
    }
  };
}

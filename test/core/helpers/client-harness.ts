import { expect, onTestFinished, vi } from 'vitest';
import {
  createChatClient,
  NatterError,
  selectChat,
  type ChatClientOptions,
  type ConnectedInfo,
  type Message,
  type ServerFrame,
} from 'natter';
import { createFakeWebSocket, createManualTimers, flushMicrotasks, type FakeSocket } from 'natter/testing';
import { connected, message, user } from '../fixtures';
import { createHistoryFetch } from './stub-fetch';

/** The harness behind test/core/chat-client/: a client on a fake WebSocket, manual timers and a stubbed history fetch. */

export const ME = user('ana');
export const BO = user('bo');
export const RECONNECT_MS = 100;

export function setup(options: Partial<ChatClientOptions> = {}) {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const history = createHistoryFetch();
  let visible = true;
  const client = createChatClient({
    baseUrl: 'http://chat.test',
    getToken: () => 'tok',
    currentUser: { id: ME.id, username: ME.username },
    WebSocket: fake.WebSocket,
    timers: clock.timers,
    fetch: history.fetch,
    backoff: { jitter: 'none', initialMs: RECONNECT_MS, maxMs: RECONNECT_MS },
    isVisible: () => visible,
    // Each frame lands as it arrives, so a test reads the store right after `receive`; batching has its own tests
    // (test/core/frame-batcher.test.ts, test/core/chat-client/batched-ingest.test.ts).
    scheduleFrame: false,
    ...options,
  });
  const errors: NatterError[] = [];
  client.on('error', (error) => errors.push(error));
  onTestFinished(() => client.destroy());
  const t = {
    fake,
    clock,
    history,
    client,
    errors,
    setVisible: (value: boolean) => {
      visible = value;
    },
    slice: (chatId = 'c1') => selectChat(client.store.getState(), chatId),
    status: (key = 'c1') => client.getConnection(key)?.status,
    /** Joins `chatId`, completes the handshake and delivers `connected`. */
    async open(chatId = 'c1', connectedData: Partial<ConnectedInfo> = {}) {
      const release = client.joinChat(chatId);
      await flushMicrotasks();
      const socket = fake.last().accept().receive(connected({ chat_id: chatId, ...connectedData }));
      return { socket, release };
    },
    /** Drops `socket` (1006), lets the backoff run out and returns the next socket, not yet accepted. */
    async drop(socket: FakeSocket, code = 1006): Promise<FakeSocket> {
      socket.drop(code);
      clock.advance(RECONNECT_MS);
      await flushMicrotasks();
      const next = fake.last();
      expect(next).not.toBe(socket);
      return next;
    },
  };
  return t;
}

export const newMessage = (data: Message): ServerFrame => ({ type: 'new_message', data });
/** The server's copy of one of my messages, echoing its client id. */
export const mine = (seq: number, clientId: string, content: string) => message(seq, { sender: ME, client_id: clientId, content });
export const contents = (socket: FakeSocket) => socket.sentOfType('send_message').map((frame) => frame.data.content);
export const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 2000, interval: 5 });

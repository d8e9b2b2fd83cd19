import type { Chat, EnvironmentHandlers, Message, Presence, ServerFrame } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { inboxOf } from 'natter/features';
import { connected, user } from '../fixtures';
import { ME, setup } from './client-harness';

/**
 * The client harness (test/core/helpers/client-harness.ts) plus what the root features need: a fake environment to
 * hide and show the page, `GET /api/v1/chats` answered from `chats`, and the personal socket.
 */
export function setupRoot() {
  let handlers: EnvironmentHandlers | null = null;
  const chats: Chat[] = [];
  let listFailure: Error | null = null;
  let listRequests = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  // Built lazily: `setup` creates the history stub we delegate to.
  let delegate: typeof fetch = () => Promise.reject(new Error('not ready'));
  const t = setup({
    environment: {
      subscribe(h) {
        handlers = h;
        return () => (handlers = null);
      },
    },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname !== '/api/v1/chats') return delegate(input, init);
      listRequests += 1;
      if (listFailure) throw listFailure;
      return json(200, { chats: structuredClone(chats) });
    },
  });
  delegate = t.history.fetch;
  // The inbox follows the client from its first use: here from the start, as an app that shows notifications does.
  inboxOf(t.client);

  const root = {
    ...t,
    chats,
    listRequests: () => listRequests,
    failList: (error: Error | null) => (listFailure = error),
    /** Hides the page (isVisible false, then the environment's `hidden`). */
    hide() {
      t.setVisible(false);
      handlers?.hidden?.();
    },
    /** Shows the page again. */
    show() {
      t.setVisible(true);
      handlers?.visible();
    },
    async openPersonal(presence: Presence[] = []) {
      const release = t.client.connectPersonal();
      await flushMicrotasks();
      const socket = t.fake.find(`/api/v1/ws/${ME.id}`)!.accept().receive(personalConnected(presence));
      return { socket, release };
    },
  };
  return root;
}

export const personalConnected = (presence: Presence[] = []): ServerFrame =>
  connected({ socket: 'personal', chat_id: null, last_seq: null, presence });
export const activity = (data: Message): ServerFrame => ({ type: 'chat_activity', data });
export const direct = (data: Message): ServerFrame => ({ type: 'new_direct_message', data });

/** A chat as `GET /api/v1/chats` lists it. */
export function listedChat(id: string, overrides: Partial<Chat> = {}): Chat {
  return {
    id,
    name: id,
    is_direct: false,
    created_by: ME.id,
    created_at: '2026-01-01T00:00:00.000Z',
    members: [ME, user('bo')],
    last_seq: 0,
    last_message: null,
    last_read_seq: 0,
    unread_count: 0,
    ...overrides,
  };
}

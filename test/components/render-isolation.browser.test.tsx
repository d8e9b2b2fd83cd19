import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { Profiler, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatClient, selectChat, type ChatClient, type Message, type ServerFrame } from 'natter';
import { ChatProvider } from 'natter/react';
import { Message as MessageView, MessageList } from 'natter/components';
import { createFakeWebSocket, type FakeSocket } from 'natter/testing';

/**
 * Issue 6, render isolation: an update re-renders only what shows it. Every row is wrapped in a React Profiler, whose
 * onRender fires once per commit in which anything inside that row rendered.
 */

const ANA = { id: 'ana', username: 'ana', email: 'ana@natter.invalid', is_active: true, created_at: '2026-01-01T00:00:00.000Z' };
const BO = { ...ANA, id: 'bo', username: 'bo', email: 'bo@natter.invalid' };

function wire(seq: number, sender = seq % 3 === 0 ? ANA : BO): Message {
  const at = new Date(Date.UTC(2026, 10, 24, 9, 0, seq)).toISOString();
  return {
    id: `m${seq}`,
    chat_id: 'c1',
    sender_id: sender.id,
    sender,
    content: `message ${seq}`,
    message_type: 'text',
    parent_message_id: null,
    client_id: sender === ANA ? `client-${seq}` : null,
    created_at: at,
    updated_at: at,
    seq,
    rev: seq,
  };
}

const HISTORY = Array.from({ length: 30 }, (_, i) => wire(i + 1));

let client: ChatClient;
let socket: FakeSocket;
let commits: Map<string, number>;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`Timed out waiting for ${what}`);
}
/** Lets the store update land and React commit it (a couple of frames). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) await frame();
}

function row(message: Parameters<typeof MessageView>[0]['message']): ReactNode {
  return (
    <Profiler id={message.key} onRender={() => commits.set(message.key, (commits.get(message.key) ?? 0) + 1)}>
      <MessageView message={message} />
    </Profiler>
  );
}

beforeEach(async () => {
  commits = new Map();
  const fake = createFakeWebSocket();
  const history = { messages: HISTORY.map((m) => ({ ...m, read_by: [] })), has_more: false, last_rev: 30 };
  client = createChatClient({
    baseUrl: 'http://chat.test',
    getToken: () => 'token',
    currentUser: { id: ANA.id, username: ANA.username },
    WebSocket: fake.WebSocket,
    fetch: async () => new Response(JSON.stringify(history), { headers: { 'content-type': 'application/json' } }),
    heartbeat: false,
  });
  render(
    <ChatProvider client={client} queryClient={new QueryClient()}>
      <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
        <MessageList chatId="c1" renderMessage={row} style={{ flex: 1, overflow: 'auto' }} />
      </div>
    </ChatProvider>,
  );
  await until(() => fake.sockets.length > 0, 'the chat socket');
  socket = fake.last().accept();
  socket.receive({ type: 'connected', data: { socket: 'chat', user_id: 'ana', chat_id: 'c1', last_seq: 30, server_time: new Date().toISOString() } });
  await until(() => selectChat(client.store.getState(), 'c1').messages.length === 30, 'the history');
  await until(() => commits.has('m29'), 'the newest rows');
  // The virtualizer settles its scroll (and mounts its buffer rows) within ~150 ms of the last measurement.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await settle();
  commits.clear();
});

afterEach(() => client.destroy());

const rendered = () => [...commits.keys()];

describe('MessageList render isolation (React Profiler)', () => {
  it('someone typing renders no message row', async () => {
    socket.receive({ type: 'typing_indicator', data: { user_id: 'bo', username: 'bo', is_typing: true, chat_id: 'c1' } } satisfies ServerFrame);
    await until(() => selectChat(client.store.getState(), 'c1').typing.length === 1, 'the typing update');
    await settle();
    expect(rendered()).toEqual([]);
  });

  it('a reaction renders exactly the one row that shows it, once', async () => {
    const reacted: Message = { ...wire(29), reactions: [{ emoji: '👍', count: 1, user_ids: ['bo'] }], rev: 31 };
    socket.receive({ type: 'message_updated', data: { message: reacted, client_id: null, user_id: 'bo', change: 'reaction' } });
    await until(() => selectChat(client.store.getState(), 'c1').messages[28]?.reactions?.length === 1, 'the reaction');
    await settle();
    expect(Object.fromEntries(commits)).toEqual({ m29: 1 });
  });

  it('a read receipt renders only the row of the message read', async () => {
    socket.receive({ type: 'read_receipt', data: { message_id: 'm30', user_id: 'bo', chat_id: 'c1', seq: 30, read_at: new Date().toISOString() } });
    await until(() => (selectChat(client.store.getState(), 'c1').readBy.m30?.length ?? 0) === 1, 'the receipt');
    await settle();
    expect(rendered()).toEqual(['client-30']);
  });

  it('a presence change renders no message row (messages do not show presence)', async () => {
    socket.receive({ type: 'presence', data: { user_id: 'bo', status: 'away', last_seen_at: null } } as ServerFrame);
    await until(() => client.store.getState().presence.bo?.status === 'away', 'the presence update');
    await settle();
    expect(rendered()).toEqual([]);
  });

  it('a new message renders only its own row', async () => {
    socket.receive({ type: 'new_message', data: wire(31, BO) });
    await until(() => commits.has('m31'), 'the new row');
    await settle();
    expect(rendered()).toEqual(['m31']);
  });
});

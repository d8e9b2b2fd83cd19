import { describe, expect, it } from 'vitest';
import type { EnvironmentHandlers } from 'natter';
import { createHarness, errorsOf, waitFor } from './helpers/server';
import { inboxOf, loadChats, markChatRead } from 'natter/features';

type Harness = ReturnType<typeof createHarness>;

/** A page whose visibility the test switches, as the client sees it (isVisible + the environment's events). */
function fakePage() {
  let visible = true;
  let handlers: EnvironmentHandlers | null = null;
  return {
    options: {
      isVisible: () => visible,
      environment: { subscribe: (h: EnvironmentHandlers) => ((handlers = h), () => (handlers = null)) },
    },
    hide() {
      visible = false;
      handlers?.hidden?.();
    },
    show() {
      visible = true;
      handlers?.visible();
    },
  };
}

/** Ana and Bo, a group chat of both, each with a client on a page the test controls. */
async function twoUsers(h: Harness) {
  const server = await h.server();
  const ana = await h.login(server, 'ana');
  const bo = await h.login(server, 'bo');
  const anaPage = fakePage();
  const boPage = fakePage();
  const a = h.client(server, ana, anaPage.options);
  const b = h.client(server, bo, boPage.options);
  const chat = await a.rest.createChat('Team', [bo.user.id]);
  // Both follow their inbox (chat list, notifications) from the start.
  inboxOf(a);
  inboxOf(b);
  return { server, ana, bo, a, b, anaPage, boPage, chatId: chat.id };
}

describe('root features against the reference server', () => {
  it('presence: Ana sees Bo online, away while his page is hidden, online again, then offline when he leaves', async () => {
    const h = createHarness();
    const { a, b, bo, boPage } = await twoUsers(h);
    const errors = [...errorsOf(a), ...errorsOf(b)];
    a.connectPersonal();
    const boPresence = () => a.store.getState().presence[bo.user.id];
    expect(boPresence()).toBeUndefined();

    b.connectPersonal();
    await waitFor(() => expect(boPresence()?.status).toBe('online'));
    boPage.hide();
    await waitFor(() => expect(boPresence()?.status).toBe('away'));
    boPage.show();
    await waitFor(() => expect(boPresence()?.status).toBe('online'));

    b.destroy();
    await waitFor(() => expect(boPresence()).toMatchObject({ status: 'offline', last_seen_at: expect.any(String) }));
    expect(errors).toEqual([]);
  });

  it('presence: a chat socket that connects while the page is hidden is away right after connected', async () => {
    const h = createHarness();
    const { a, b, bo, boPage, chatId } = await twoUsers(h);
    a.connectPersonal();
    await waitFor(() => expect(a.getConnection('personal')?.status).toBe('open'));
    const seen: string[] = [];
    a.store.subscribe((state, previous) => {
      const status = state.presence[bo.user.id]?.status;
      if (status && status !== previous.presence[bo.user.id]?.status) seen.push(status);
    });
    boPage.hide();
    b.joinChat(chatId);
    await waitFor(() => expect(seen.at(-1)).toBe('away'));
    // The chat socket's `connected` made Bo online for a moment; the away right after it wins.
    expect(seen).toEqual(['online', 'away']);
    boPage.show();
    await waitFor(() => expect(seen.at(-1)).toBe('online'));
  });

  it('unread: chat_activity counts Bo’s messages in Ana’s list; reading clears it there and on the server', async () => {
    const h = createHarness();
    const { a, b, ana, chatId } = await twoUsers(h);
    const errors = [...errorsOf(a), ...errorsOf(b)];
    await loadChats(a);
    expect(a.store.getState().chatList![chatId]).toMatchObject({ unread_count: 0, last_seq: 0, last_message: null });
    a.connectPersonal();
    await waitFor(() => expect(a.getConnection('personal')?.status).toBe('open'));

    b.joinChat(chatId);
    b.sendMessage(chatId, 'one');
    b.sendMessage(chatId, `two, @${ana.user.username}`);
    await waitFor(() => expect(a.store.getState().chatList![chatId]).toMatchObject({ unread_count: 2, last_seq: 2 }));
    expect(a.store.getState().chatList![chatId]!.last_message).toMatchObject({ content: `two, @${ana.user.username}`, seq: 2 });

    // Not on screen: the mention is a notification; the plain message in a group chat is not.
    await waitFor(() => expect(a.store.getState().notifications.map((n) => [n.kind, n.message.seq])).toEqual([['mention', 2]]));

    a.joinChat(chatId);
    expect(a.store.getState().notifications).toEqual([]);
    await a.loadHistory(chatId);
    markChatRead(a, chatId);
    expect(a.store.getState().chatList![chatId]).toMatchObject({ unread_count: 0, last_read_seq: 2 });

    // The server agrees: a fresh list says so.
    await waitFor(async () => {
      const { chats } = await a.rest.listChats();
      expect(chats.find((c) => c.id === chatId)).toMatchObject({ unread_count: 0, last_read_seq: 2 });
    });
    expect(errors).toEqual([]);
  });

  it('unread: a message sent from Ana’s other device reads the chat in this one (chat_read)', async () => {
    const h = createHarness();
    const { server, a, b, ana, chatId } = await twoUsers(h);
    await loadChats(a);
    a.connectPersonal();
    await waitFor(() => expect(a.getConnection('personal')?.status).toBe('open'));
    b.sendMessage(chatId, 'anyone?');
    await waitFor(() => expect(a.store.getState().chatList![chatId]!.unread_count).toBe(1));

    const otherDevice = h.client(server, ana);
    otherDevice.sendMessage(chatId, 'me, from my phone');
    await waitFor(() => expect(a.store.getState().chatList![chatId]).toMatchObject({ unread_count: 0, last_read_seq: 2, last_seq: 2 }));
  });

  it('notifications: Bo’s direct message raises one for Ana until she opens the chat', async () => {
    const h = createHarness();
    const { a, b, ana, chatId } = await twoUsers(h);
    a.connectPersonal();
    b.connectPersonal();
    await waitFor(() => expect(a.getConnection('personal')?.status).toBe('open'));
    b.sendDirectMessage(ana.user.id, 'psst');
    await waitFor(() => expect(a.store.getState().notifications).toHaveLength(1));
    const [notification] = a.store.getState().notifications;
    expect(notification).toMatchObject({ kind: 'direct_message', message: { content: 'psst' } });
    expect(notification!.chat_id).not.toBe(chatId);
    a.joinChat(notification!.chat_id);
    expect(a.store.getState().notifications).toEqual([]);
  });
});

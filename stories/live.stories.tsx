import { QueryClient } from '@tanstack/react-query';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { createChatClient, type ChatClient, type Session } from 'natter';
import { login } from 'natter/features';
import { ChatProvider } from 'natter/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from './support/chat-window';
import { liveServer } from './support/live-server';

interface Person {
  name: string;
  client: ChatClient;
  queryClient: QueryClient;
}

type Live =
  | { kind: 'ready'; url: string; chatId: string; chatName: string; people: Person[] }
  | { kind: 'offline'; url: string; required: boolean; reason: string };

const PEOPLE = ['Ana', 'Bo'];

/** A client for `name` on the real server; the development login hands out a fresh token when the old one is near its end. */
async function personOn(url: string, name: string): Promise<{ session: Session; person: Person }> {
  let session = await login(url, name);
  let expiresAt = Date.now() + session.expires_in * 1000;
  const getToken = async () => {
    if (Date.now() > expiresAt - 60_000) {
      session = await login(url, name);
      expiresAt = Date.now() + session.expires_in * 1000;
    }
    return session.access_token;
  };
  const client = createChatClient({ baseUrl: url, currentUser: session.user, getToken });
  return { session, person: { name, client, queryClient: new QueryClient() } };
}

/** Logs Ana and Bo in through REST and has Ana create a chat with Bo; or says why the server could not be used. */
async function connectLive(): Promise<{ live: Live }> {
  const { url, required } = liveServer();
  try {
    const [ana, bo] = await Promise.all(PEOPLE.map((name) => personOn(url, name)));
    const chatName = `storybook-${new Date().toISOString().slice(11, 19).replaceAll(':', '')}`;
    const chat = await ana!.person.client.rest.createChat(chatName, [bo!.session.user.id]);
    return { live: { kind: 'ready', url, chatId: chat.id, chatName, people: [ana!.person, bo!.person] } };
  } catch (error) {
    return { live: { kind: 'offline', url, required, reason: error instanceof Error ? error.message : String(error) } };
  }
}

const liveOf = (context: { loaded: Record<string, unknown> }) => context.loaded.live as Live;

function LiveChats({ live }: { live: Live }) {
  if (live.kind === 'offline') {
    return (
      <section className="story-note" aria-labelledby="live-offline-title">
        <h2 id="live-offline-title">No Natter server at {live.url}</h2>
        <p>This story talks to the reference server. Start one in the repository:</p>
        <pre>
          <code>npm run server</code>
        </pre>
        <p>
          and reload this story. It expects the server at <code>http://127.0.0.1:8787</code>; set <code>STORYBOOK_NATTER_URL</code> when
          starting Storybook to use another.
        </p>
        <p>The request failed with: {live.reason}</p>
      </section>
    );
  }
  return (
    <div className="story-pair">
      {live.people.map((person) => (
        <ChatProvider key={person.name} client={person.client} queryClient={person.queryClient}>
          <ChatWindow chatId={live.chatId} title={live.chatName} label={`${person.name}'s view`} />
        </ChatProvider>
      ))}
    </div>
  );
}

/**
 * Against the real reference server (`npm run server`, or the one `npm test` starts): Ana and Bo log in through
 * REST, Ana creates a chat with Bo, and both windows talk over real WebSockets.
 */
const meta = {
  title: 'Live/Reference server',
  parameters: { natter: false, layout: 'fullscreen' },
  loaders: [connectLive],
  beforeEach: (context) => {
    const live = liveOf(context);
    return () => {
      if (live.kind === 'ready') for (const person of live.people) person.client.destroy();
    };
  },
  render: (_args, context) => <LiveChats live={liveOf(context)} />,
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Ana types (Bo sees "Ana is typing…"), sends (Bo sees the message; reading it sends a receipt Ana sees), and Bo
 * answers. Without a server it explains how to start one.
 */
export const TwoPeople: Story = {
  play: async (context) => {
    const live = liveOf(context);
    const { canvas } = context;
    if (live.kind === 'offline') {
      // In `npm test` the run starts a server, so it must be there.
      await expect(live.required ? live.reason : '').toBe('');
      await waitFor(() => expect(canvas.getByRole('heading', { name: `No Natter server at ${live.url}` })).toBeVisible());
      await waitFor(() => expect(canvas.getByText('npm run server')).toBeVisible());
      return;
    }
    const [ana, bo] = live.people;
    await waitFor(() => {
      for (const person of live.people) expect(person.client.getConnection(live.chatId)?.status).toBe('open');
    }, { timeout: 10_000 });
    const anaView = within(canvas.getByRole('region', { name: "Ana's view" }));
    const boView = within(canvas.getByRole('region', { name: "Bo's view" }));

    await userEvent.type(anaView.getByRole('textbox', { name: 'Message' }), 'Hi Bo, this came through the real server');
    await waitFor(() => expect(boView.getByText('Ana is typing…')).toBeVisible(), { timeout: 5000 });
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(boView.getByText('Hi Bo, this came through the real server')).toBeVisible(), { timeout: 5000 });
    // Sending ends Ana's typing for Bo.
    const boTyping = canvas.getByRole('region', { name: "Bo's view" }).querySelector('[data-natter="typing-indicator"]');
    await waitFor(() => expect(boTyping).toHaveTextContent(/^$/), { timeout: 5000 });
    await waitFor(() => expect(anaView.getByText('Read by 1')).toBeVisible(), { timeout: 5000 });

    await userEvent.type(boView.getByRole('textbox', { name: 'Message' }), 'Hi Ana, loud and clear!{Enter}');
    await waitFor(() => expect(anaView.getByText('Hi Ana, loud and clear!')).toBeVisible(), { timeout: 5000 });
    await waitFor(() => expect(bo!.client.store.getState().chats[live.chatId]?.messages.every((m) => m.status !== 'pending')).toBe(true));
    await expect(ana!.client.store.getState().chats[live.chatId]?.messages.map((m) => m.content)).toEqual([
      'Hi Bo, this came through the real server',
      'Hi Ana, loud and clear!',
    ]);
  },
};

import { QueryClient } from '@tanstack/react-query';
import { createChatClient, type ChatClient, type ChatClientOptions } from 'natter';
import { createMockChatServer, type MockChatInput, type MockChatServer, type MockMessageInput, type MockUserInput } from 'natter/testing';
import { expect, waitFor } from 'storybook/test';

/**
 * What a story asks of its chat world, as `parameters.natter`: the preview builds a fresh in-memory server
 * (`createMockChatServer`) and a client for `user` from it before every render, registers the server's msw handlers
 * for that story, and wraps the story in a `ChatProvider`. `false` (the live story) builds nothing.
 *
 * @example
 * parameters: { natter: { messages: 40, setup: (mock) => mock.failNextSend() } }
 */
export interface NatterParameters {
  /** The user the story is seen as. Default `Sam`. */
  user?: string;
  /** Everyone who exists. Default Sam, Ana, Bo, Cy, Dee. */
  users?: MockUserInput[];
  /** The history of the story's chat (`CHAT_ID`, everyone a member): a count, or the messages, oldest first. */
  messages?: number | MockMessageInput[];
  /** More chats, besides the story's. */
  chats?: MockChatInput[];
  /** Delay before every server frame and REST answer, in ms. Default 0. */
  latencyMs?: number;
  /** `max_content_bytes` the mock announces and enforces. Default 16384. */
  maxContentBytes?: number;
  /** Client options on top of the mock's (a fast, jitter-free reconnect schedule by default). */
  client?: Partial<ChatClientOptions>;
  /** Runs on the mock before anything renders or connects: seed, refuse connections, fail the next send… */
  setup?: (mock: MockChatServer) => void;
}

/** What every story with `parameters.natter` gets as `loaded.natter`: drive the mock from `play`. */
export interface NatterFixture {
  mock: MockChatServer;
  client: ChatClient;
  queryClient: QueryClient;
  chatId: string;
  /** The story's user. */
  me: string;
  /** Unique per fixture: a React key, so every render is a fresh app. */
  key: string;
}

/** The mock's origin. `.test` never resolves: every request is answered by msw, or fails. */
export const BASE_URL = 'http://chat.natter.test';
/** The chat every story shows. Fixed, so a story's render reads like an app's: `<MessageList chatId={CHAT_ID} />`. */
export const CHAT_ID = '5e1f0c1e-7a11-4c0d-9b5e-5708b00c4a75';
export const ME = 'Sam';
export const PEOPLE = ['Sam', 'Ana', 'Bo', 'Cy', 'Dee'] as const;

/** Reconnects quickly and predictably, so reconnect stories finish in a second or two. */
export const STORY_BACKOFF = { initialMs: 400, factor: 2, maxMs: 3000, jitter: 'none' } as const;

let fixtures = 0;

/** Builds the mock server and the client a story runs on. */
export function createNatterFixture(parameters: NatterParameters): NatterFixture {
  const users = parameters.users ?? [...PEOPLE];
  const me = parameters.user ?? ME;
  const mock = createMockChatServer({
    baseUrl: BASE_URL,
    users,
    chats: [
      { id: CHAT_ID, name: 'general', members: users.map((user) => (typeof user === 'string' ? user : user.username)), createdBy: me, messages: parameters.messages ?? [] },
      ...(parameters.chats ?? []),
    ],
    latencyMs: parameters.latencyMs ?? 0,
    ...(parameters.maxContentBytes === undefined ? {} : { maxContentBytes: parameters.maxContentBytes }),
  });
  parameters.setup?.(mock);
  const client = createChatClient({ ...mock.clientOptions(me), backoff: STORY_BACKOFF, ...parameters.client });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { mock, client, queryClient, chatId: CHAT_ID, me, key: `natter-${++fixtures}` };
}

/**
 * The fixture of a story with `parameters.natter`, from its context (`play`, `render`, loaders' `loaded`).
 *
 * @example
 * play: async (context) => { const { mock } = natterOf(context); mock.setTyping(CHAT_ID, 'Ana', true); }
 */
export function natterOf(context: { loaded: Record<string, unknown> }): NatterFixture {
  const fixture = context.loaded.natter as NatterFixture | undefined;
  if (!fixture) throw new Error('This story has no `parameters.natter`: the preview built no mock server for it');
  return fixture;
}

/**
 * Waits until the client's socket to `chatId` is established (the mock has sent `connected`) and the story's
 * message lists have their first page: a story's later checks (and the a11y check after it) see a settled chat.
 */
export async function connected({ client, chatId }: NatterFixture, timeout = 5000): Promise<void> {
  await waitFor(() => expect(client.getConnection(chatId)?.status).toBe('open'), { timeout });
  await historyLoaded(document.body, timeout);
}

/**
 * Waits until every `MessageList` in `container` has its first history page (no `data-loading="initial"`): the
 * socket can be up before REST has answered.
 */
export async function historyLoaded(container: HTMLElement, timeout = 5000): Promise<void> {
  await waitFor(() => expect(container.querySelector('[data-natter="message-list"][data-loading="initial"]')).toBeNull(), { timeout });
}

/**
 * The message (its `<article>`) showing `text`, once the list has laid it out for people: the virtualizer keeps a
 * row `visibility: hidden` until it has measured it, and role queries skip hidden elements.
 */
export async function findMessage(canvas: { getByText: (text: string) => HTMLElement }, text: string, timeout = 5000): Promise<HTMLElement> {
  return waitFor(
    () => {
      const article = canvas.getByText(text).closest('article') as HTMLElement | null;
      expect(article).toBeVisible();
      return article!;
    },
    { timeout },
  );
}

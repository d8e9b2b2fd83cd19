import type { Channel } from './channel';
import type { ClientContext } from './client-context';
import type { ChatChannel } from './chat-channel';
import { Emitter } from './emitter';
import { NatterError } from './errors';
import type { ServerFrame } from './protocol/types';

/** What a client does that opt-in features (natter/features) follow. */
export interface ClientHooks {
  /** A channel was created: a chat's or the personal one. */
  channel: Channel;
  /** The page became visible, or hidden. */
  visible: boolean;
  /** A chat was joined (`joinChat`). */
  joined: string;
  /** The user read a message (`markRead`). */
  read: { chatId: string; messageId: string };
  /** A frame of the personal socket, after the kernel applied its part (direct messages, read watermarks). */
  personal: ServerFrame;
  /** The client was destroyed. */
  destroy: undefined;
}

/**
 * The inside of a client, for the feature modules: its context, its channels and its hooks. Not public API: an app
 * reaches features through natter/features' functions, which take the client.
 */
export interface ClientInternals {
  ctx: ClientContext;
  hooks: Emitter<ClientHooks>;
  /** The chat's channel, created if needed. */
  chat(chatId: string): ChatChannel;
  /** The chat's channel if one exists (never creates one). */
  existingChat(chatId: string): ChatChannel | undefined;
  chats(): Iterable<ChatChannel>;
  /** Every socket's channel there is: the chats' and the personal one. */
  channels(): Channel[];
  /** Feature state of this client, made on first use (see {@link featureOf}). */
  features: Map<unknown, unknown>;
}

const INTERNALS = new WeakMap<object, ClientInternals>();

/**
 * Links a client to its inside; called once by `createChatClient`.
 *
 * @example
 * registerInternals(client, { ctx, hooks, chat, existingChat, chats, personal, features: new Map() });
 */
export function registerInternals(client: object, internals: ClientInternals): void {
  INTERNALS.set(client, internals);
}

/**
 * The inside of a client made by `createChatClient`; throws `invalid_argument` for anything else.
 *
 * @example
 * internalsOf(client).chat(chatId);
 */
export function internalsOf(client: object): ClientInternals {
  const internals = INTERNALS.get(client);
  if (!internals) throw new NatterError('invalid_argument', 'Pass a client made by createChatClient');
  return internals;
}

/**
 * A feature's state for one client, made the first time the feature is used on it, so an app pays (in bytes and in
 * work) only for the features it calls.
 *
 * @example
 * const inbox = featureOf(client, createInbox);
 */
export function featureOf<T>(client: object, create: (internals: ClientInternals) => T): T {
  return attach(internalsOf(client), create);
}

/**
 * {@link featureOf} from inside another feature, which has the internals.
 *
 * @example
 * attach(internals, createPresenceReporting);
 */
export function attach<T>(internals: ClientInternals, create: (internals: ClientInternals) => T): T {
  if (!internals.features.has(create)) internals.features.set(create, create(internals));
  return internals.features.get(create) as T;
}

import { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { createChatClient, type ChatClient, type ChatClientOptions } from '../core/chat-client';
import { ChatContext, type ChatContextValue } from './context';

/** Props of `ChatProvider`: a client built outside React (recommended), or the options to build one. */
export type ChatProviderProps = {
  children?: ReactNode;
  /** The react-query client for history; default: one owned by this provider. */
  queryClient?: QueryClient;
} & ({ client: ChatClient; options?: never } | { options: ChatClientOptions; client?: never });

/**
 * Makes a `ChatClient` available to Natter's hooks and components. It opens nothing by itself: sockets open when
 * a hook that needs one mounts, and close when the last one unmounts.
 *
 * @example
 * const client = createChatClient({ baseUrl, getToken, currentUser });
 * root.render(<ChatProvider client={client}><App /></ChatProvider>);
 */
export function ChatProvider(props: ChatProviderProps) {
  // Built once: a client made from options lives as long as the provider. Its sockets are reference-counted by
  // the hooks, so nothing needs closing here.
  const [client] = useState(() => props.client ?? createChatClient(props.options!));
  const [ownQueryClient] = useState(() => props.queryClient ?? new QueryClient());
  const [value, setValue] = useState<ChatContextValue>(() => ({ client, queryClient: ownQueryClient }));
  const current = props.client ?? client;
  const queryClient = props.queryClient ?? ownQueryClient;
  if (value.client !== current || value.queryClient !== queryClient) setValue({ client: current, queryClient });
  return <ChatContext.Provider value={value}>{props.children}</ChatContext.Provider>;
}

import type { ReactElement } from 'react';
import type { HistoryMessage } from 'natter';

/** What a variant is given. */
export interface VariantOptions {
  /** Messages the chat already holds when it mounts (the large room); empty for the ingest runs. */
  history: HistoryMessage[];
}

/** A chat UI under test, ready to mount. */
export interface VariantSetup {
  element: ReactElement;
  /** True once the chat shows what it has and takes frames (natter: its first history page has answered). */
  isReady: () => boolean;
}

/** One page per approach: `setup` does the work that comes before mounting (natter fills its store). */
export type SetupVariant = (options: VariantOptions) => Promise<VariantSetup>;

/** Where every variant's socket points; BenchSocket never leaves the page. */
export const SOCKET_URL = 'ws://chat.bench.invalid/api/v1/ws/chat';

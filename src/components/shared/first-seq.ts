import type { ChatMessage } from '../../core/store/chat-slice';

/**
 * The seq of the first confirmed message (pending ones have none), or null.
 *
 * @example
 * firstSeq(messages); // the oldest message held
 */
export const firstSeq = (messages: readonly ChatMessage[]): number | null => messages.find((m) => m.seq !== null)?.seq ?? null;

/**
 * Natter's reference server. Tests, stories and tools start it in-process:
 *
 * @example
 * import { createServer } from '@natter/server';
 * const server = await createServer({ port: 0 });
 */
export { createServer, type NatterServer } from './create-server.ts';
export type { LoggerOptions, RateLimitOptions, ServerOptions } from './config.ts';
export type { Chat, HistoryMessage, Message, ReadReceipt, User } from './protocol/types.ts';

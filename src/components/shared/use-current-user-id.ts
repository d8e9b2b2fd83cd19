import { useChatClient } from '../../react/context';

/**
 * The signed-in user's id: what tells your own messages and reactions from others'.
 *
 * @example
 * const own = message.sender_id === useCurrentUserId();
 */
export const useCurrentUserId = (): string => useChatClient().currentUser.id;

// Query keys must be per client: a new client given to the same provider (another user logged in) would otherwise
// find the old client's data cached and "fresh". Keys must be serialisable, so each client gets a number.
const clientKeys = new WeakMap<object, number>();
let lastClientKey = 0;

/**
 * A number that identifies `client` in react-query keys, stable for the client's lifetime.
 *
 * @example
 * useQuery({ queryKey: ['natter', 'message', clientKey(client), chatId, messageId], … });
 */
export function clientKey(client: object): number {
  let key = clientKeys.get(client);
  if (key === undefined) clientKeys.set(client, (key = ++lastClientKey));
  return key;
}

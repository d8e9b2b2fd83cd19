import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
};
const getSnapshot = () => document.visibilityState !== 'hidden';
const getServerSnapshot = () => true;

/**
 * Whether the page is visible, re-rendering when that changes (receipts wait for it).
 *
 * @example
 * const visible = usePageVisible();
 */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

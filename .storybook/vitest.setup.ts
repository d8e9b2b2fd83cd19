/**
 * setupFile of the `storybook` Vitest project (browser side): the live story's server URL, started by
 * vitest.global-setup.ts. Stories read it through stories/support/live-server.ts, never from `vitest`.
 */
import { inject } from 'vitest';
import { LIVE_SERVER_URL_KEY } from '../stories/support/live-server';

(globalThis as Record<string, unknown>)[LIVE_SERVER_URL_KEY] = inject('natterServerUrl');

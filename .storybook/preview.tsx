import type { Decorator, Loader, Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import { ChatProvider } from 'natter/react';
import 'natter/styles.css';
import { configure } from 'storybook/test';
import { createNatterFixture, type NatterFixture, type NatterParameters } from '../stories/support/natter';
import '../stories/support/stories.css';

// findBy…/waitFor in play functions wait up to 5 s (default 1 s): a loaded CI machine must not fail a story.
configure({ asyncUtilTimeout: 5000 });

/** A fresh mock server and client for every story render that asks for one (`parameters.natter`). */
const natterLoader: Loader = ({ parameters }) => {
  const natter = parameters.natter as NatterParameters | false | undefined;
  return natter ? { natter: createNatterFixture(natter) } : {};
};

/** Wraps the story in a `ChatProvider` for its fixture's client (keyed by it: a new render is a new app). */
const withChatProvider: Decorator = (Story, context) => {
  const fixture = context.loaded.natter as NatterFixture | undefined;
  if (!fixture) return <Story />;
  return (
    <ChatProvider key={fixture.key} client={fixture.client} queryClient={fixture.queryClient}>
      <Story />
    </ChatProvider>
  );
};

/** The toolbar's theme as `data-natter-theme` on the canvas, which also paints the page in the theme's colours. */
const withTheme: Decorator = (Story, context) => (
  <div className="story-canvas" data-natter-theme={context.globals.theme === 'dark' ? 'dark' : 'light'}>
    <Story />
  </div>
);

const preview: Preview = {
  // Loaders run in parallel: mswLoader starts the worker and resets its handlers; natterLoader builds the fixture.
  // beforeEach (after both) registers the fixture's handlers as this story's.
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      // The live story talks to a real server: requests msw has no handler for go to the network, silently.
      await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
      return worker;
    }),
    natterLoader,
  ],
  beforeEach(context) {
    const fixture = context.loaded.natter as NatterFixture | undefined;
    if (!fixture) return;
    context.msw.use(...fixture.mock.handlers);
    return () => {
      fixture.client.destroy();
      fixture.queryClient.clear();
    };
  },
  decorators: [withChatProvider, withTheme],
  globalTypes: {
    theme: {
      description: 'Light or dark natter theme (data-natter-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    // Every story must pass axe: a violation fails it, in the a11y panel and in `npm test`.
    a11y: { test: 'error' },
    controls: { disable: true },
  },
};

export default preview;

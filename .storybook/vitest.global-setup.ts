/**
 * globalSetup of the `storybook` Vitest project (Node side): starts the reference server in memory on a free port,
 * so the live story is tested against a real server, and hands its URL to the browser (`inject('natterServerUrl')`
 * in vitest.setup.ts).
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    natterServerUrl: string;
  }
}

interface ReferenceServer {
  url: string;
  close(): Promise<void>;
}

// Loaded by name: the server's sources import with `.ts` extensions, which the root tsconfig does not allow.
const SERVER_ENTRY = '@natter/server';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { createServer } = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { createServer(options: object): Promise<ReferenceServer> };
  const server = await createServer({ port: 0, db: ':memory:', logger: false });
  project.provide('natterServerUrl', server.url);
  return () => server.close();
}

import { sleep } from './wait';
import { between } from './scenario';

// The reference server, loaded by name (its sources use `.ts` imports the client's tsconfig does not allow).

const SERVER_HEARTBEAT_MS = 1000;

export interface ReferenceServer {
  url: string;
  port: number;
  close(): Promise<void>;
}
interface ServerOptions {
  port: number;
  db: string;
  heartbeatMs: number;
}
const SERVER_ENTRY = '@natter/server';
async function createServer(options: ServerOptions): Promise<ReferenceServer> {
  const module = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { createServer(options: ServerOptions): Promise<ReferenceServer> };
  return module.createServer(options);
}

/**
 * Starts the server on `port`. A port freed a moment ago can be taken by another socket on this machine (other test
 * files run beside this one): EADDRINUSE is retried a bounded number of times.
 */
export async function startServer(port: number, db: string): Promise<ReferenceServer> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await createServer({ port, db, heartbeatMs: SERVER_HEARTBEAT_MS });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 40) throw error;
      await sleep(50);
    }
  }
}

/** A port below the kernel's ephemeral range (32768+), where `port: 0` servers and outgoing sockets never land. */
export async function firstServer(db: string, rng: () => number): Promise<ReferenceServer> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      return await createServer({ port: between(rng, 20_000, 32_000), db, heartbeatMs: SERVER_HEARTBEAT_MS });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('no free port for the server');
}

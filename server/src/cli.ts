import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from './create-server.ts';

const HELP = `Natter reference server

Usage: npm run server -- [options]

  --port <n>            port to listen on (default 8787; 0 picks a free one)
  --host <addr>         interface (default 127.0.0.1)
  --db <path>           SQLite file, or :memory: (default .data/natter.db)
  --allow-origin <url>  browser origin allowed to connect (repeatable; default: any localhost port)
  --no-compression      turn permessage-deflate off
  --max-upload-bytes <n> largest uploaded file (default 10485760, 10 MiB)
  --log-level <level>   fatal, error, warn, info, debug, trace or silent (default info)
  -h, --help            this text

Environment: NATTER_JWT_SECRET sets the token signing key (default: generated and kept in the database).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string', default: '.data/natter.db' },
      'allow-origin': { type: 'string', multiple: true },
      'no-compression': { type: 'boolean', default: false },
      'max-upload-bytes': { type: 'string', default: String(10 * 1024 * 1024) },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${args.port}"`);
const maxUploadBytes = Number(args['max-upload-bytes']);
if (!Number.isInteger(maxUploadBytes) || maxUploadBytes < 1) {
  fail(`--max-upload-bytes must be a whole number above 0, not "${args['max-upload-bytes']}"`);
}

// npm runs workspace scripts inside server/; a relative --db means relative to where the user typed the command.
const db = args.db === ':memory:' ? args.db : resolve(process.env.INIT_CWD ?? process.cwd(), args.db);

let server;
try {
  server = await createServer({
    port,
    host: args.host,
    db,
    allowedOrigins: args['allow-origin'],
    compression: args['no-compression'] ? false : undefined,
    maxUploadBytes,
    logger: args['log-level'] === 'silent' ? false : { level: args['log-level'] },
  });
} catch (error) {
  const code = (error as { code?: string }).code;
  const reason =
    code === 'EADDRINUSE'
      ? `Port ${port} on ${args.host} is already in use: stop the other server or pass --port <n> (0 picks a free one).`
      : code === 'EACCES'
        ? `Not allowed to listen on ${args.host}:${port}: pick a port above 1023.`
        : null;
  if (!reason) throw error;
  process.stderr.write(`${reason}\n`);
  process.exit(1);
}
process.stdout.write(`Natter reference server listening on ${server.url} (database: ${db})\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal means "now": skip the graceful close.
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`\n${signal}: closing sockets and the database…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  });
}

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
  --max-pending-uploads <n>       uploads one user may hold that no message references yet (default 20)
  --max-pending-upload-bytes <n>  bytes of such uploads one user may hold (default 104857600, 100 MiB)
  --pending-upload-ttl-ms <n>     how long such an upload is kept before it is deleted (default 3600000, 1 hour)
  --no-rest-rate-limit  turn REST's rate limits off (docs/protocol.md, section 5.4)
  --log-level <level>   fatal, error, warn, info, debug, trace or silent (default info)
  -h, --help            this text

Environment: NATTER_JWT_SECRET sets the token signing key (default: generated and kept in the database).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: '.data/natter.db' },
        'allow-origin': { type: 'string', multiple: true },
        'no-compression': { type: 'boolean', default: false },
        'max-upload-bytes': { type: 'string', default: String(10 * 1024 * 1024) },
        'max-pending-uploads': { type: 'string' },
        'max-pending-upload-bytes': { type: 'string' },
        'pending-upload-ttl-ms': { type: 'string' },
        'no-rest-rate-limit': { type: 'boolean', default: false },
        'log-level': { type: 'string', default: 'info' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}
const args = parse();
if (args.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
type NumberFlag = 'port' | 'max-upload-bytes' | 'max-pending-uploads' | 'max-pending-upload-bytes' | 'pending-upload-ttl-ms';

/** The flag's whole number, from `min` to `max`; undefined when the flag was not given (the server's default then). */
function wholeNumber(flag: NumberFlag, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = args[flag];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`--${flag} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, not "${text}"`);
  }
  return value;
}

const port = wholeNumber('port', 0, 65535)!;

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
    maxUploadBytes: wholeNumber('max-upload-bytes', 1),
    maxPendingUploads: wholeNumber('max-pending-uploads', 1),
    maxPendingUploadBytes: wholeNumber('max-pending-upload-bytes', 1),
    pendingUploadTtlMs: wholeNumber('pending-upload-ttl-ms', 0),
    restRateLimit: args['no-rest-rate-limit'] ? false : undefined,
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

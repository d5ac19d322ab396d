// Test infrastructure: ClickHouse's HTTP interface over chdb-wasm (ClickHouse 26.5 compiled to WebAssembly), so
// that the project's tests run against a current ClickHouse engine on a machine that can only install packages.
//
//   node server.mjs [--port N] [--user name:password]...
//
// Prints "LISTENING <port>" once it answers queries (port 0, the default, picks a free one), then serves:
//   POST/GET /?query=…  with the query in the body and/or the `query` parameter (they are joined, as ClickHouse
//                       joins them), `database`, `default_format` or X-ClickHouse-Format, `query_id`, and every
//                       other parameter as a setting of that query (applied with SET, reset afterwards)
//   GET /ping, GET /    "Ok.\n"
// Users: `default` without a password unless --user names it; credentials by basic auth, X-ClickHouse-User/Key or
// the user/password parameters; a wrong one answers code 516 with 403, as ClickHouse does. Queries run one after
// another on one engine connection. Errors answer with the status a real server gives, X-ClickHouse-Exception-Code
// and ClickHouse's own message. SIGTERM and SIGINT stop it cleanly.
//
// What it cannot do (the engine's limits, not this file's): EXCHANGE TABLES, KeeperMap, Replicated engines,
// CREATE USER and grants, DROP/DETACH … SYNC (the engine waits forever: refused), HTTP compression (compress=1 is
// refused), sessions (session_id is ignored and SET is refused, as without a session), and data survives only as
// long as the process. A query running longer than MOOSE_WASM_QUERY_LIMIT_MS (300 s) stops the front end.
import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AsyncChdb } from 'chdb-wasm';

const args = process.argv.slice(2);
let port = 0;
const users = new Map([['default', '']]);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') {
    port = Number(args[++i]);
  } else if (args[i] === '--user') {
    const spec = args[++i];
    const colon = spec.indexOf(':');
    users.set(colon < 0 ? spec : spec.slice(0, colon), colon < 0 ? '' : spec.slice(colon + 1));
  } else {
    console.error(`unknown argument ${args[i]}`);
    process.exit(2);
  }
}

const moduleUrl = fileURLToPath(new URL('./node_modules/chdb-wasm/dist/chdb.mjs', import.meta.url));
const engine = await AsyncChdb.create({ moduleUrl });
const connection = await engine.connect();
const version = (await connection.query('SELECT version()', 'TabSeparated')).text().trim();
const timezone = (await connection.query('SELECT timezone()', 'TabSeparated')).text().trim();
const displayName = os.hostname();

// HTTP parameters that are not settings.
const RESERVED = new Set(['query', 'database', 'default_format', 'user', 'password', 'quota_key', 'query_id',
  'session_id', 'session_timeout', 'session_check', 'compress', 'decompress', 'buffer_size', 'wait_end_of_query',
  'role', 'stacktrace', 'client_protocol_version', 'http_response_buffer_size']);

// The HTTP status ClickHouse answers an error with, by error name (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp).
const STATUS_BY_ERROR = new Map();
const statusFor = (status, names) => names.split(' ').forEach((n) => STATUS_BY_ERROR.set(n, status));
statusFor(401, 'REQUIRED_PASSWORD');
statusFor(403, 'UNKNOWN_USER WRONG_PASSWORD AUTHENTICATION_FAILED SET_NON_GRANTED_ROLE ACCESS_DENIED');
statusFor(400, 'BAD_ARGUMENTS CANNOT_COMPILE_REGEXP CANNOT_PARSE_TEXT CANNOT_PARSE_ESCAPE_SEQUENCE '
  + 'CANNOT_PARSE_QUOTED_STRING CANNOT_PARSE_DATE CANNOT_PARSE_DATETIME CANNOT_PARSE_NUMBER '
  + 'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING CANNOT_PARSE_IPV4 CANNOT_PARSE_IPV6 CANNOT_PARSE_INPUT_ASSERTION_FAILED '
  + 'CANNOT_PARSE_UUID DUPLICATE_COLUMN ILLEGAL_COLUMN UNKNOWN_ELEMENT_IN_AST UNKNOWN_TYPE_OF_AST_NODE '
  + 'THERE_IS_NO_COLUMN TOO_DEEP_AST TOO_BIG_AST UNEXPECTED_AST_STRUCTURE SYNTAX_ERROR INCORRECT_DATA TYPE_MISMATCH '
  + 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE');
statusFor(404, 'UNKNOWN_TABLE UNKNOWN_FUNCTION UNKNOWN_IDENTIFIER UNKNOWN_TYPE UNKNOWN_STORAGE UNKNOWN_DATABASE '
  + 'UNKNOWN_SETTING UNKNOWN_DIRECTION_OF_SORTING UNKNOWN_AGGREGATE_FUNCTION UNKNOWN_FORMAT UNKNOWN_DATABASE_ENGINE '
  + 'UNKNOWN_TYPE_OF_QUERY UNKNOWN_ROLE');
statusFor(413, 'QUERY_IS_TOO_LARGE');
statusFor(501, 'NOT_IMPLEMENTED');
statusFor(503, 'SOCKET_TIMEOUT CANNOT_OPEN_FILE CANNOT_SCHEDULE_TASK');
statusFor(408, 'TIMEOUT_EXCEEDED');

class ClickHouseError extends Error {
  constructor(code, name, message) {
    super(`Code: ${code}. DB::Exception: ${message}. (${name}) (version ${version})`);
    this.code = code;
    this.errorName = name;
  }
}

// An engine error as a real server reports it: its code, its name and the status that goes with them.
function describe(error) {
  if (error instanceof ClickHouseError) {
    return { code: error.code, status: STATUS_BY_ERROR.get(error.errorName) ?? 500, text: error.message };
  }
  const message = String(error?.message ?? error);
  const code = Number((/^Code: (\d+)\./.exec(message) ?? [])[1] ?? 0);
  const name = (/\(([A-Z_0-9]+)\)\s*$/.exec(message) ?? [])[1];
  const text = /\(version [^)]*\)\s*$/.test(message) ? message.trimEnd() : `${message.trimEnd()} (version ${version})`;
  return { code, status: STATUS_BY_ERROR.get(name) ?? 500, text };
}

// The output format a query asks for in its own FORMAT clause (not an INSERT's input format), if any.
function formatClause(sql) {
  if (/^\s*INSERT\b/i.test(sql)) {
    return null;
  }
  const m = /\bFORMAT\s+([A-Za-z0-9_]+)\s*;?\s*$/i.exec(sql);
  return m ? m[1] : null;
}

const CONTENT_TYPES = [
  [/^(TabSeparated|TSV)/i, 'text/tab-separated-values; charset=UTF-8'],
  [/^CSV/i, 'text/csv; charset=UTF-8'],
  [/^JSON/i, 'application/json; charset=UTF-8'],
  [/^(Pretty|Vertical|Markdown|Values|XML)/i, 'text/plain; charset=UTF-8'],
];
const contentType = (format) => (CONTENT_TYPES.find(([re]) => re.test(format)) ?? [null, 'application/octet-stream'])[1];

function authenticate(req, params) {
  let user = req.headers['x-clickhouse-user'] ?? params.get('user');
  let password = req.headers['x-clickhouse-key'] ?? params.get('password');
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    user = colon < 0 ? decoded : decoded.slice(0, colon);
    password = colon < 0 ? '' : decoded.slice(colon + 1);
  }
  user = user || 'default';
  password = password ?? '';
  if (!users.has(user) || users.get(user) !== password) {
    throw new ClickHouseError(516, 'AUTHENTICATION_FAILED',
      `${user}: Authentication failed: password is incorrect, or there is no user with such name`);
  }
  return user;
}

const quote = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const quoteName = (s) => `\`${String(s).replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

// One engine connection, one query at a time: each request's USE and SETs hold for exactly its own query.
let queue = Promise.resolve();
function serialized(work) {
  const result = queue.then(work, work);
  queue = result.catch(() => {});
  return result;
}

// A query that never returns blocks every later one (the engine runs one at a time and cannot always cancel):
// after this long the front end says so and exits, so that tests fail instead of hanging.
const QUERY_LIMIT_MS = Number(process.env.MOOSE_WASM_QUERY_LIMIT_MS ?? 300000);

async function run(sql, params, format) {
  const watchdog = setTimeout(() => {
    console.error(`A query ran longer than ${QUERY_LIMIT_MS} ms; stopping the front end: ${sql.slice(0, 500)}`);
    process.exit(3);
  }, QUERY_LIMIT_MS);
  try {
    return await runOnConnection(sql, params, format);
  } finally {
    clearTimeout(watchdog);
  }
}

// What the one engine connection has in force, so that a request changes only what differs from the one before:
// its database, and each setting a request named (what it was before any request named it, and what it is now).
// A request's settings apply to it alone, as on a server: the next request that does not name one gets the
// original value back before it runs.
let currentDatabase = null;
const originalSettings = new Map();
const currentSettings = new Map();

async function runOnConnection(sql, params, format) {
  const database = params.get('database') || 'default';
  if (database !== currentDatabase) {
    currentDatabase = null;
    await connection.query(`USE ${quoteName(database)}`, 'TabSeparated');
    currentDatabase = database;
  }
  const names = [...params.keys()].filter((name) => !RESERVED.has(name));
  const unseen = names.filter((name) => !originalSettings.has(name));
  if (unseen.length > 0) {
    const known = await connection.query(
      `SELECT name, value FROM system.settings WHERE name IN (${unseen.map(quote).join(', ')})`, 'JSONEachRow');
    for (const line of known.text().split('\n').filter((l) => l.length > 0)) {
      const { name, value } = JSON.parse(line);
      originalSettings.set(name, value);
      currentSettings.set(name, value);
    }
  }
  for (const name of new Set([...currentSettings.keys(), ...names])) {
    const wanted = params.has(name) ? params.get(name) : originalSettings.get(name);
    if (wanted === undefined || currentSettings.get(name) === wanted) {
      continue;
    }
    // an unknown setting fails here, before the query, as on a server
    await connection.query(`SET ${quoteName(name)} = ${quote(wanted)}`, 'TabSeparated');
    currentSettings.set(name, wanted);
  }
  try {
    return await connection.query(sql, format);
  } finally {
    if (/^\s*USE\s/i.test(sql) || /^\s*DROP\s+DATABASE\s/i.test(sql)) {
      currentDatabase = null;
    }
  }
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const params = url.searchParams;
  const queryId = params.get('query_id') || randomUUID();
  const common = {
    'X-ClickHouse-Server-Display-Name': displayName,
    'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Timezone': timezone,
    'Keep-Alive': 'timeout=10',
  };
  const body = req.method === 'POST' ? await readBody(req) : '';
  const paramQuery = params.get('query');
  if ((url.pathname === '/ping' || url.pathname === '/' || url.pathname === '/replicas_status')
      && paramQuery === null && body.length === 0) {
    res.writeHead(200, { ...common, 'Content-Type': 'text/html; charset=UTF-8' });
    res.end('Ok.\n');
    return;
  }
  if (url.pathname !== '/') {
    res.writeHead(404, { ...common, 'Content-Type': 'text/plain; charset=UTF-8' });
    res.end(`There is no handle ${url.pathname}\n`);
    return;
  }
  try {
    authenticate(req, params);
    if (params.get('compress') === '1' || params.get('decompress') === '1') {
      throw new ClickHouseError(48, 'NOT_IMPLEMENTED', 'The test front end over chdb-wasm does not compress: send compress=0');
    }
    const sql = paramQuery !== null && body.length > 0 ? `${paramQuery}\n${body}` : (paramQuery ?? body);
    if (sql.trim().length === 0) {
      throw new ClickHouseError(62, 'SYNTAX_ERROR', 'Empty query');
    }
    // the wasm engine waits forever for a synchronous drop (and cannot be cancelled): refuse it instead of hanging
    if (/^\s*(DROP|DETACH)\b[\s\S]*\bSYNC\s*;?\s*$/i.test(sql)) {
      throw new ClickHouseError(48, 'NOT_IMPLEMENTED', 'The chdb-wasm stand-in cannot run DROP/DETACH … SYNC: the engine waits for it forever');
    }
    // without a session a SET has nothing to apply to on a real server; here it would change the one connection
    if (/^\s*SET\s/i.test(sql)) {
      throw new ClickHouseError(113, 'NO_SESSION_ACCESS', 'There is no session or session context has expired');
    }
    const format = formatClause(sql) ?? req.headers['x-clickhouse-format'] ?? params.get('default_format') ?? 'TabSeparated';
    const started = process.hrtime.bigint();
    const result = await serialized(() => run(sql, params, format));
    const elapsed = process.hrtime.bigint() - started;
    const summary = {
      read_rows: String(result.scannedRows ?? 0), read_bytes: String(result.scannedBytes ?? 0),
      written_rows: '0', written_bytes: '0', total_rows_to_read: String(result.scannedRows ?? 0),
      result_rows: String(result.rowsRead ?? 0), result_bytes: String(result.data.length), elapsed_ns: String(elapsed),
    };
    res.writeHead(200, {
      ...common,
      'Content-Type': contentType(format),
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Summary': JSON.stringify(summary),
      'Content-Length': result.data.length,
    });
    res.end(Buffer.from(result.data.buffer, result.data.byteOffset, result.data.length));
  } catch (error) {
    const { code, status, text } = describe(error);
    res.writeHead(status, {
      ...common,
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': String(code),
    });
    res.end(`${text}\n`);
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8' });
    }
    res.end(`Code: 1001. DB::Exception: ${error}. (STD_EXCEPTION) (version ${version})\n`);
  });
});
server.keepAliveTimeout = 10000;

let stopping = false;
async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  server.close();
  server.closeAllConnections();
  await engine.terminate().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, '127.0.0.1', () => {
  console.log(`LISTENING ${server.address().port} ClickHouse ${version}`);
});

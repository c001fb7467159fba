/**
 * A static HTTPS server on loopback for the demo and test pages. Browsers
 * reach it under listed event-site host names (see browsers.ts), so the build
 * we ship is tested without adding localhost to its permissions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ics': 'text/calendar; charset=utf-8',
  '.xml': 'application/xml',
};

/** A throwaway self-signed certificate (the test browsers are told to accept it). */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = path.join(os.tmpdir(), 'podium-e2e-cert');
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  if (!fs.existsSync(cert)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=podium-e2e',
      '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

export interface TestServer {
  port: number;
  /** Absolute URL on `host` for a path under the served roots. */
  url(host: string, pathname: string): string;
  /** Serves `body` from memory at exactly `pathname` (e.g. pages a bench generates); takes precedence over files. */
  serve(pathname: string, body: string | Buffer, type?: string): void;
  /**
   * Answers requests whose path matches `pattern` (query strings included in
   * `url`) with what `handler` returns; `undefined` falls through to the
   * files. Routes take precedence over {@link serve} and files; the first
   * matching route wins. E.g. a fake pretalx API with pagination.
   */
  route(pattern: RegExp, handler: RouteHandler): void;
  close(): Promise<void>;
}

/** What a route answers: a JSON value (served as application/json) or a body with its type. */
export type RouteReply = { status?: number; json?: unknown; body?: string | Buffer; type?: string; headers?: Record<string, string>; delayMs?: number };
/** `url` is the request's absolute URL, with the Host the browser used (e.g. `https://pretalx.com:PORT/api/…`); `headers` the request's. */
export type RouteHandler = (url: URL, match: RegExpExecArray, headers: IncomingHttpHeaders) => RouteReply | undefined;

/**
 * Serves `demo/` at `/` and `test/fixtures/pages/` at `/fixtures/`, on
 * 127.0.0.1 and ::1 with the same port (Firefox may resolve a mapped host to either).
 */
export async function startServer(): Promise<TestServer> {
  const roots: [string, string][] = [
    ['/fixtures/', path.join(ROOT, 'test/fixtures/pages')],
    ['/', path.join(ROOT, 'demo')],
  ];
  const memory = new Map<string, { body: string | Buffer; type: string }>();
  const routes: [RegExp, RouteHandler][] = [];
  const handler: RequestListener = (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    for (const [pattern, route] of routes) {
      const m = pattern.exec(pathname);
      const reply = m ? route(new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`), m, req.headers) : undefined;
      if (!reply) continue;
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
      const type = reply.json !== undefined ? 'application/json' : (reply.type ?? TYPES['.html']!);
      const send = () => void res.writeHead(reply.status ?? 200, { 'content-type': type, 'cache-control': 'no-store', ...reply.headers }).end(reply.status === 304 ? undefined : body);
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
      return;
    }
    const served = memory.get(pathname);
    if (served) return void res.writeHead(200, { 'content-type': served.type, 'cache-control': 'no-store' }).end(served.body);
    const [prefix, dir] = roots.find(([p]) => pathname.startsWith(p))!;
    let file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  };
  const tls = certificate();
  const v4 = https.createServer(tls, handler);
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  const port = (v4.address() as AddressInfo).port;
  const v6 = https.createServer(tls, handler);
  const v6Up = await new Promise<boolean>((resolve) => {
    v6.once('error', () => resolve(false));
    v6.listen(port, '::1', () => resolve(true));
  });
  const servers = v6Up ? [v4, v6] : [v4];
  return {
    port,
    url: (host, pathname) => `https://${host}:${port}${pathname}`,
    serve: (pathname, body, type = TYPES['.html']!) => void memory.set(pathname, { body, type }),
    route: (pattern, handler) => void routes.push([pattern, handler]),
    close: () =>
      Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))).then(() => undefined),
  };
}

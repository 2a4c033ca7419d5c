import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse } from '../functions/http/http-types.ts';
import { errorResponse } from '../functions/http/responses.ts';

export type Route = (request: HttpRequest) => Promise<HttpResponse>;

/** The API's routes, as API Gateway maps them to functions in infra/. */
export interface LocalRoutes {
  readonly putRace: Route;
  readonly postRelease: Route;
  readonly requestRun: Route;
  readonly getRun: Route;
  readonly postCall: Route;
  readonly postOverride: Route;
  /** Reads a published object (the stand-in for CloudFront): GET /public/{key}. */
  readonly readPublic?: (key: string, ifNoneMatch: string | undefined) => Promise<PublicObject | undefined>;
}

export interface PublicObject {
  readonly body: string | undefined;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
  readonly notModified: boolean;
}

/** Static files served at the root, such as the newsroom graphic (web/build.ts): URL path → file. */
export type StaticSite = ReadonlyMap<string, { readonly body: string; readonly contentType: string; readonly contentSecurityPolicy?: string }>;

export interface LocalApiServerOptions {
  /** Served at GET /{path}, with '/' meaning '/index.html'. */
  readonly site?: StaticSite;
}

const MAX_READ_BYTES = 8 * 1024 * 1024;

/**
 * A file may run only its own script and style, and fetch only from its own origin, unless it carries its
 * own policy (the graphic's index.html does: web/build.ts adds the origins it was built to allow).
 */
const SITE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/**
 * Serves the API over HTTP on loopback, turning requests into the same shape API Gateway gives the
 * functions. Where AWS checks a SigV4 signature, this server accepts `Authorization: Bearer <token>` with
 * the token it was started with, and otherwise passes the request on unsigned (the handler answers 403).
 * With `options.site`, it also serves those static files at the root, as a newsroom would host its page.
 */
export async function startLocalApiServer(
  routes: LocalRoutes,
  token: string,
  port = 0,
  options: LocalApiServerOptions = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    handle(routes, token, incoming, outgoing, options.site).catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' });
      outgoing.end('{"error":{"status":500,"message":"internal error"}}\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(routes: LocalRoutes, token: string, incoming: IncomingMessage, outgoing: ServerResponse, site: StaticSite | undefined): Promise<void> {
  const path = new URL(incoming.url ?? '/', 'http://localhost').pathname;
  const method = incoming.method ?? 'GET';
  // Each segment is decoded once, as API Gateway and CloudFront pass them on; the handlers check the ids.
  const segments = decodedSegments(path);
  if (segments === undefined) return send(outgoing, errorResponse(400, 'malformed percent-encoding in the path'));
  if (method === 'GET' && segments[0] === 'public' && routes.readPublic !== undefined) {
    return servePublic(routes.readPublic, publicKeySegments(path), incoming, outgoing);
  }
  const file = method === 'GET' ? site?.get(path === '/' ? '/index.html' : path) : undefined;
  if (file !== undefined) return serveFile(file, outgoing);
  const matched = matchRoute(routes, method, segments);
  if (matched === undefined) return send(outgoing, errorResponse(404, 'no such route'));
  const body = await readBody(incoming, MAX_READ_BYTES);
  const signed = incoming.headers.authorization === `Bearer ${token}`;
  const request: HttpRequest = {
    pathParameters: matched.parameters,
    body,
    isBase64Encoded: false,
    requestContext: { requestId: crypto.randomUUID(), ...(signed ? { authorizer: { iam: { userArn: 'arn:local:iam::000000000000:user/local' } } } : {}) },
  };
  send(outgoing, await matched.route(request));
}

/** The path's segments, each percent-decoded once; undefined if one is not valid percent-encoding. */
function decodedSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/**
 * The segments of the key under /public/, each decoded once, keeping empty ones: the key is the path after
 * /public/ exactly, so `/public/races/` names the key `races/` (a "folder", which no object has), and
 * `/public/races//x.json` or `/public/x.json/` are not the object `races/x.json` or `x.json`.
 */
function publicKeySegments(path: string): string[] {
  const rawSegments = path.split('/');
  const publicAt = rawSegments.findIndex((segment) => segment !== ''); // the segment 'public' itself
  return rawSegments.slice(publicAt + 1).map(decodeURIComponent); // valid: decodedSegments accepted the path
}

function matchRoute(routes: LocalRoutes, method: string, segments: readonly string[]) {
  if (segments[0] !== 'races' || segments.length < 2) return undefined;
  const raceId = segments[1];
  if (method === 'PUT' && segments.length === 2) return { route: routes.putRace, parameters: { raceId } };
  if (method === 'POST' && segments.length === 3 && segments[2] === 'releases') return { route: routes.postRelease, parameters: { raceId } };
  if (method === 'POST' && segments.length === 3 && segments[2] === 'runs') return { route: routes.requestRun, parameters: { raceId } };
  if (method === 'POST' && segments.length === 3 && segments[2] === 'calls') return { route: routes.postCall, parameters: { raceId } };
  if (method === 'POST' && segments.length === 3 && segments[2] === 'overrides') return { route: routes.postOverride, parameters: { raceId } };
  if (method === 'GET' && segments.length === 4 && segments[2] === 'runs') return { route: routes.getRun, parameters: { raceId, runId: segments[3] } };
  return undefined;
}

async function servePublic(
  read: NonNullable<LocalRoutes['readPublic']>,
  keySegments: readonly string[],
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  // Only an object, by its exact key, as CloudFront serves it from S3; never a listing. No published key
  // is empty or has an empty segment (`/public/`, a "folder" such as `/public/races/`, a doubled slash), a
  // segment "." or "..", or one holding a slash or backslash once decoded (%2F, %5C): such a key could only
  // name a folder or reach past the bucket's folders, so it is not looked up at all. Nor does one hold a
  // control character (%00, %1B): S3 clients fail on those instead of answering "no such key".
  const key = keySegments.join('/');
  const safe =
    keySegments.length > 0 &&
    keySegments.every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\u0000-\u001f\u007f-\u009f]/.test(segment));
  const object = safe ? await read(key, incoming.headers['if-none-match']) : undefined;
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };
  if (object === undefined) {
    outgoing.writeHead(404, { 'content-type': 'application/json', ...cors });
    outgoing.end('{"error":{"status":404,"message":"no such object"}}\n');
    return;
  }
  const headers = { 'content-type': object.contentType, 'cache-control': object.cacheControl, etag: object.etag, ...cors };
  outgoing.writeHead(object.notModified ? 304 : 200, headers);
  outgoing.end(object.notModified ? undefined : object.body);
}

function serveFile(file: NonNullable<ReturnType<StaticSite['get']>>, outgoing: ServerResponse): void {
  outgoing.writeHead(200, {
    'content-type': file.contentType,
    'cache-control': 'no-cache',
    'content-security-policy': file.contentSecurityPolicy ?? SITE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  outgoing.end(file.body);
}

function send(outgoing: ServerResponse, response: HttpResponse): void {
  outgoing.writeHead(response.statusCode, response.headers);
  outgoing.end(response.body);
}

/** Reads a request body, stopping early past `limit` so that the handler can refuse it with 413. */
async function readBody(incoming: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > limit) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

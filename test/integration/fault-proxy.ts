import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to a request: pass it on, answer S3's 503 SlowDown, or drop the connection. */
export type Fault = 'pass' | 'slow-down' | 'reset';

/**
 * An HTTP proxy on 127.0.0.1 in front of a real local server (s3rver), which fails the requests that
 * `choose` picks as S3 fails under load: 503 SlowDown, or a connection dropped mid-request (ECONNRESET).
 * Everything else reaches the server unchanged, Host header and signature included.
 */
export async function startFaultProxy(target: string, choose: (request: IncomingMessage) => Fault): Promise<{ url: string; close: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const fault = choose(incoming);
    if (fault === 'reset') {
      incoming.socket.destroy();
      return;
    }
    if (fault === 'slow-down') {
      // Read the body first, so that the client gets the answer rather than a broken pipe.
      incoming.resume().on('end', () => {
        outgoing.writeHead(503, { 'content-type': 'application/xml' });
        outgoing.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>');
      });
      return;
    }
    const upstream = forward({ hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

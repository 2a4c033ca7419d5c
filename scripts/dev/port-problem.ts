import { createServer } from 'node:net';

/**
 * Checks, before the local stack starts (DynamoDB Local takes seconds), that the dev server can listen on
 * `port` on loopback. Returns a message for the user when it cannot, or undefined when the port is free.
 * A second `npm run dev` used to die on the API server's listen with a raw EADDRINUSE stack trace.
 */
export async function portProblem(portText: string | undefined, fallback: number): Promise<string | undefined> {
  const port = portText === undefined || portText === '' ? fallback : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return `PORT=${portText} is not a port: expected a whole number from 1 to 65535, e.g. PORT=3001 npm run dev`;
  }
  const code = await listenError(port);
  if (code === undefined) return undefined;
  const another = port === 65_535 ? port - 1 : port + 1;
  if (code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is taken (another npm run dev, or another server, is listening there).\nStop it, or pick another port: PORT=${another} npm run dev`;
  }
  if (code === 'EACCES') return `port ${port} needs more privileges than this user has. Pick a port above 1023: PORT=${another > 1023 ? another : 3000} npm run dev`;
  return `cannot listen on 127.0.0.1:${port}: ${code}. Pick another port with PORT=..., e.g. PORT=${another} npm run dev`;
}

/** Listens on the port for a moment and closes it again: the error code if that failed. */
function listenError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
  });
}

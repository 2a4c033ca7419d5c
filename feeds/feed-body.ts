import type { FeedSnapshot } from './recorded-snapshot.ts';

/** The first bytes of every zip file ("PK\x03\x04", a local file header). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether bytes are a zip file, by its first four bytes. */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** Bytes as base64, the form a binary body is recorded in. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A snapshot's body as bytes: decoded from base64 when it is recorded so, else its text in UTF-8. */
export function bodyBytes(snapshot: Pick<FeedSnapshot, 'body' | 'encoding'>): Uint8Array {
  return snapshot.encoding === 'base64' ? Buffer.from(snapshot.body, 'base64') : Buffer.from(snapshot.body, 'utf8');
}

/** A snapshot's body as text: a base64 body decoded as UTF-8 (a text body a server sent as binary). */
export function bodyText(snapshot: Pick<FeedSnapshot, 'body' | 'encoding'>): string {
  return snapshot.encoding === 'base64' ? Buffer.from(snapshot.body, 'base64').toString('utf8') : snapshot.body;
}

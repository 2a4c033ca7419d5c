'use strict';
// s3rver in a Node process of its own (started by local/s3rver-local.ts), on port 0 of 127.0.0.1. It prints
// {"port": N} once it listens, and stops when its stdin closes (our parent is gone) or on a signal. Its
// directory is reset and removed then, unless `persist` is set.
//
// s3rver's file store is not faithful to S3 in one way that matters: its PUT truncates the object's file
// and writes it in place, and its GET takes the size from stat() and then streams the file, so a GET during
// a PUT answered 200 with an empty or truncated body (or a body shorter than its Content-Length). S3 never
// shows part of an object. AtomicFilesystemStore below writes every file to a temporary name and renames
// it into place (rename is atomic on one file system), and reads an object through one open file handle,
// taking its size and ETag from the bytes read, so a reader sees the old object or the new one.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');

const { modulePath, directory, persist } = JSON.parse(process.argv[2]);
const S3rver = require(modulePath);
const FilesystemStore = require(path.join(path.dirname(modulePath), 'stores', 'filesystem.js'));
const S3Object = require(path.join(path.dirname(modulePath), 'models', 'object.js'));

let temporaryCounter = 0;

/** Writes `data` to `target` through a temporary file beside it; its name never ends as an object's does. */
async function writeAtomically(target, data) {
  temporaryCounter += 1;
  const temporary = `${target}.${process.pid}-${temporaryCounter}.tmp`;
  await fs.promises.writeFile(temporary, data);
  await fs.promises.rename(temporary, target);
}

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function readJsonIfPresent(file) {
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

const md5Of = (bytes) => crypto.createHash('md5').update(bytes).digest('hex');

class AtomicFilesystemStore extends FilesystemStore {
  async putObject(object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await fs.promises.mkdir(path.dirname(objectPath), { recursive: true });
    const content = Buffer.isBuffer(object.content) ? object.content : await readAll(object.content);
    const md5 = md5Of(content);
    // Metadata first, the body last: readers take the ETag from the body they read, not from the .md5 file.
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);
    await writeAtomically(objectPath, content);
    return { size: content.length, md5 };
  }

  async putMetadata(bucket, key, metadata, md5) {
    const json = {
      ...Object.fromEntries(Object.entries(metadata).filter(([name]) => S3Object.ALLOWED_METADATA.includes(name))),
      ...Object.fromEntries(Object.entries(metadata).filter(([name]) => name.startsWith('x-amz-meta-'))),
    };
    if (md5) await writeAtomically(this.getResourcePath(bucket, key, 'object.md5'), md5);
    await writeAtomically(this.getResourcePath(bucket, key, 'metadata.json'), JSON.stringify(json, null, 2));
  }

  /** The object's bytes, read through one handle, with metadata that describes those bytes. */
  async readObject(bucket, key) {
    const handle = await fs.promises.open(this.getResourcePath(bucket, key, 'object'), 'r');
    let content;
    let stat;
    try {
      [content, stat] = await Promise.all([handle.readFile(), handle.stat()]);
    } finally {
      await handle.close();
    }
    const stored = await readJsonIfPresent(this.getResourcePath(bucket, key, 'metadata.json'));
    const metadata = {
      ...stored,
      etag: JSON.stringify(md5Of(content)),
      'last-modified': stat.mtime.toUTCString(),
      'content-length': content.length,
    };
    return { content, metadata };
  }

  /** Throws ENOENT for a missing object, as the base class does (listObjects relies on it). */
  async getMetadata(bucket, key) {
    return (await this.readObject(bucket, key)).metadata;
  }

  async getObject(bucket, key, options) {
    let read;
    try {
      read = await this.readObject(bucket, key);
    } catch (error) {
      if (error.code === 'ENOENT') return null;
      throw error;
    }
    const { content, metadata } = read;
    // Ranges as the base class computes them.
    const lastByte = Math.max(0, content.length - 1);
    const range = { start: (options && options.start) || 0, end: Math.min((options && options.end) || Infinity, lastByte) };
    const ranged = options && (options.start !== undefined || options.end);
    const satisfiable = range.start >= 0 && range.end >= range.start;
    const body = satisfiable ? Readable.from([content.subarray(range.start, range.end + 1)]) : null;
    const object = new S3Object(bucket, key, body, metadata);
    if (ranged) object.range = range;
    return object;
  }
}

const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: !persist });
server.store = server.context.store = new AtomicFilesystemStore(directory);

let closing = false;
function finish(code) {
  // A persisted directory (npm run dev -- --data DIR) is kept; a temporary one goes, with its parent if empty.
  if (!persist) {
    fs.rmSync(directory, { recursive: true, force: true });
    try {
      fs.rmdirSync(path.dirname(directory));
    } catch {}
  }
  process.exit(code);
}
function shutdown() {
  if (closing) return;
  closing = true;
  setTimeout(() => finish(0), 2000);
  server.close().then(
    () => finish(0),
    () => finish(0),
  );
}
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + '\n'),
  (error) => {
    process.stderr.write(String((error && error.stack) || error) + '\n');
    finish(1);
  },
);
process.stdin.on('end', shutdown).on('error', shutdown).resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, shutdown);

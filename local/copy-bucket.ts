import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/**
 * Copies every object of a bucket into a directory, keeping the keys as paths; returns the keys. Throws,
 * before writing anything, for a key that would land outside the directory (published keys never do: ids
 * hold no "/" and no ".."). Keys that differ only in case (races/GA/… and races/ga/…) are different objects
 * but one file on a case-insensitive file system (macOS, Windows by default): the later copy wins there.
 */
export async function copyBucket(client: S3Client, bucket: string, directory: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.NextContinuationToken;
  } while (token !== undefined);
  const targets = keys.map((key) => targetPath(directory, key));
  for (const [index, key] of keys.entries()) {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await mkdir(dirname(targets[index]), { recursive: true });
    await writeFile(targets[index], (await object.Body?.transformToString('utf8')) ?? '');
  }
  return keys.sort();
}

/** Where the copy of `key` goes: inside `directory`, or a throw. */
export function targetPath(directory: string, key: string): string {
  const root = resolve(directory);
  const target = resolve(root, key);
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) throw new Error(`object key ${JSON.stringify(key)} would be copied outside ${directory}`);
  return target;
}

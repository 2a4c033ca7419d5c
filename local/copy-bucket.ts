import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** Copies every object of a bucket into a directory, keeping the keys as paths; returns the keys. */
export async function copyBucket(client: S3Client, bucket: string, directory: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.NextContinuationToken;
  } while (token !== undefined);
  for (const key of keys) {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const target = join(directory, key);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, (await object.Body?.transformToString('utf8')) ?? '');
  }
  return keys.sort();
}

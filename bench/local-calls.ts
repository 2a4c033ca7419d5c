import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../local/clients.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { cpuSince, descendantCpuSeconds } from './process-cpu.ts';

// `npx tsx bench/local-calls.ts [--calls N] [--width N] [--jvm c1|default]`: what one call of each kind
// costs against the local stack: wall time per call, this process's CPU per call (the AWS SDK: signing,
// marshalling, HTTP) and each server's CPU per call (DynamoDB Local's java, s3rver's node), N calls, W at once.

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const CALLS = Number(option('--calls', '1000'));
const WIDTH = Number(option('--width', '8'));
const JVM = option('--jvm', 'c1');

const stack = await startLocalStack(JVM === 'default' ? { jvmArgs: [] } : {});
const documents = makeDocumentClient(stack.dynamoClient);
const table = stack.tableName;
const bucket = stack.bucketName;
const body = Buffer.from(JSON.stringify({ units: Array.from({ length: 20 }, (_, index) => ({ id: `u${index}`, counted: { d: 100, r: 120 } })) }));
const item = { race: { id: 'x', name: 'X', candidates: [{ id: 'd' }, { id: 'r' }] }, releaseCount: 3, revision: 4, updatedAt: '2024-11-06T04:00:00Z' };

const kinds: Record<string, (index: number) => Promise<unknown>> = {
  'DynamoDB PutItem (conditional)': (index) =>
    documents.send(new PutCommand({ TableName: table, Item: { PK: `P#${index % 50}`, SK: `S#${index}`, ...item }, ConditionExpression: 'attribute_not_exists(PK)' })),
  'DynamoDB GetItem (consistent)': (index) => documents.send(new GetCommand({ TableName: table, Key: { PK: `P#${index % 50}`, SK: `S#${index}` }, ConsistentRead: true })),
  'DynamoDB UpdateItem': (index) =>
    documents.send(new UpdateCommand({ TableName: table, Key: { PK: `P#${index % 50}`, SK: `S#${index}` }, UpdateExpression: 'ADD revision :one', ExpressionAttributeValues: { ':one': 1 } })),
  'DynamoDB UpdateItem, condition fails': async (index) => {
    const update = new UpdateCommand({ TableName: table, Key: { PK: `P#${index % 50}`, SK: `S#${index}` }, UpdateExpression: 'ADD revision :one', ConditionExpression: 'attribute_not_exists(PK)', ExpressionAttributeValues: { ':one': 1 } });
    await documents.send(update).catch(() => undefined);
  },
  'DynamoDB Query (20 items)': (index) =>
    documents.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `P#${index % 50}` }, Limit: 20, ConsistentRead: true })),
  'DynamoDB TransactWriteItems (2 items)': (index) =>
    documents.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: table, Key: { PK: `T#${index}`, SK: 'RACE' }, UpdateExpression: 'ADD revision :one', ExpressionAttributeValues: { ':one': 1 } } },
      { Put: { TableName: table, Item: { PK: `T#${index}`, SK: 'R#1', ...item }, ConditionExpression: 'attribute_not_exists(SK)' } },
    ] })),
  'S3 PutObject (1 KB)': (index) => stack.s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: `k/${index}.json`, Body: body, ContentType: 'application/json' })),
  'S3 HeadObject (missing)': async (index) => {
    await stack.s3Client.send(new HeadObjectCommand({ Bucket: bucket, Key: `missing/${index}.json` })).catch(() => undefined);
  },
  'S3 GetObject (1 KB)': async (index) => {
    const object = await stack.s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: `k/${index % CALLS}.json` }));
    await object.Body?.transformToString();
  },
};

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
console.log(`local-calls: ${CALLS} calls of each kind, ${WIDTH} at once, JVM ${JVM === 'default' ? "the JVM's defaults" : 'client compiler only (the stack default)'}`);
console.log(`${'call'.padEnd(40)} ${'wall/call'.padStart(10)} ${'ours/call'.padStart(10)} ${'java/call'.padStart(10)} ${'s3rver/call'.padStart(12)}  (ms)`);
try {
  for (const [name, call] of Object.entries(kinds)) {
    // A warm-up round, so the JIT of both sides is past its first steps.
    for (let index = 0; index < 200; index++) await call(1_000_000 + index);
    const serversBefore = descendantCpuSeconds();
    const oursBefore = cpu();
    const start = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: WIDTH }, async () => {
      while (next < CALLS) await call(next++);
    }));
    const wall = performance.now() - start;
    const ours = cpu() - oursBefore;
    const servers = cpuSince(serversBefore, descendantCpuSeconds());
    const perCall = (seconds: number | undefined) => ((1000 * (seconds ?? 0)) / CALLS).toFixed(2);
    console.log(`${name.padEnd(40)} ${(wall / CALLS).toFixed(2).padStart(10)} ${perCall(ours).padStart(10)} ${perCall(servers.get('java')).padStart(10)} ${perCall(servers.get('node')).padStart(12)}`);
  }
} finally {
  await Promise.race([stack.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
}
process.exit(0);

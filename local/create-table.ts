import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The name of the index that lists every race (for index.json). */
export const RACES_INDEX = 'GSI1';

/**
 * The single table of ballotcast (see docs/storage.md): string keys PK and SK, and one global secondary
 * index GSI1 (GSI1PK, GSI1SK) that only race items carry, so it lists the races and nothing else.
 * On-demand billing; the CDK stack declares the same keys.
 */
export function raceTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: RACES_INDEX,
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/**
 * Creates the table and waits until it and its index are ACTIVE (at once on DynamoDB Local).
 * Throws the service's error if the table exists, and after `timeoutMs` if it never becomes active.
 */
export async function createRaceTable(client: DynamoDBClient, tableName: string, timeoutMs = 30_000): Promise<void> {
  await client.send(new CreateTableCommand(raceTableDefinition(tableName)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`table ${tableName} is not ACTIVE after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates the table unless it exists already (a persisted DynamoDB Local, `npm run dev -- --data DIR`). */
export async function ensureRaceTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await createRaceTable(client, tableName);
  return 'created';
}

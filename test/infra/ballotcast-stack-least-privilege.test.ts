import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandlerName } from '../../infra/lib/handlers.ts';
import {
  actionsOf,
  ids,
  logicalId,
  repositoryRoot,
  roleId,
  stack,
  statementsOfRole,
  synthesizeDefaultStack,
  template,
} from './stack-template.ts';

describe('BallotcastStack', () => {
  beforeAll(synthesizeDefaultStack);

  describe('least privilege', () => {
    /** The DynamoDB actions the role may take, sorted, and the resources they are granted on. */
    const tableGrantOf = (name: HandlerName) => {
      const statements = statementsOfRole(template, roleId(name)).filter((statement) =>
        [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')),
      );
      return { actions: actionsOf(statements).sort(), resources: statements.map((statement) => statement.Resource) };
    };

    // Read from the code (functions/adapters/dynamo-race-store.ts and what each handler calls of it); a
    // transaction's Put and Update are authorized as PutItem and UpdateItem.
    it.each([
      ['putRace', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
      ['postRelease', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']],
      ['requestRun', ['dynamodb:GetItem', 'dynamodb:PutItem']],
      ['getRun', ['dynamodb:GetItem']],
      ['postDeskEntry', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
      ['runForecast', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']],
      ['publishJob', ['dynamodb:Query', 'dynamodb:UpdateItem']],
      ['pollFeed', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']],
    ] as const)('%s may take exactly the DynamoDB actions its code sends, on this table and its index', (name, expected) => {
      const { actions, resources } = tableGrantOf(name);
      expect(actions).toEqual(expected);
      for (const never of ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:*']) {
        expect(actions).not.toContain(never);
      }
      expect(resources).toEqual([
        [{ 'Fn::GetAtt': [ids.table, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.table, 'Arn'] }, '/index/*']] }],
      ]);
    });

    it('the stores send only the commands the grants are derived from', () => {
      // A new command in an adapter (a DeleteCommand, a ScanCommand) needs its grant decided here first.
      const adapters = readdirSync(join(repositoryRoot, 'functions/adapters')).filter((name) => name.startsWith('dynamo-'));
      expect(adapters).toEqual(expect.arrayContaining(['dynamo-race-store.ts', 'dynamo-run-records.ts', 'dynamo-publish-jobs.ts']));
      const source = adapters.map((name) => readFileSync(join(repositoryRoot, 'functions/adapters', name), 'utf8')).join('\n');
      const commands = new Set([...source.matchAll(/new (\w+Command)\(/g)].map((match) => match[1]));
      expect([...commands].sort()).toEqual(['GetCommand', 'PutCommand', 'QueryCommand', 'TransactWriteCommand', 'UpdateCommand']);
      expect(source).not.toMatch(/ConditionCheck:/);
    });

    it('get-run may not queue runs or reach the bucket', () => {
      const actions = actionsOf(statementsOfRole(template, roleId('getRun')));
      expect(actions.filter((action) => /^(sqs|s3):/.test(action) || action.includes('*'))).toEqual([]);
    });

    it('put-race may not queue runs or touch the bucket; it may only request publish jobs', () => {
      const statements = statementsOfRole(template, roleId('putRace'));
      expect(actionsOf(statements).filter((action) => /^s3:/.test(action))).toEqual([]);
      const sqs = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('sqs:')));
      expect(sqs.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [logicalId(stack.publishQueue), 'Arn'] }]);
      expect(actionsOf(sqs).filter((action) => /^sqs:(Receive|Delete)/.test(action))).toEqual([]);
    });

    it('publish-job reads only under elections/ and writes only index.json, the schema and summaries', () => {
      const statements = statementsOfRole(template, roleId('publishJob'));
      const s3 = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('s3:')));
      const keysOf = (action: string) =>
        s3
          .filter((statement) => [statement.Action].flat().includes(action))
          .flatMap((statement) => [statement.Resource].flat())
          .map((resource) => JSON.stringify(resource).match(/"\/([^"]+)"\]\]\}$/)?.[1]);
      expect(keysOf('s3:GetObject')).toEqual(['elections/*']);
      expect(keysOf('s3:PutObject').sort()).toEqual(['elections/*/summary.json', 'index.json', 'schema/*']);
      expect(actionsOf(s3).filter((action) => !['s3:GetObject', 's3:PutObject'].includes(action))).toEqual([]);
      expect(actionsOf(statements)).not.toContain('sqs:SendMessage');
    });

    it("poll-feed may send to the run queue and the publish queue only (it calls put-race and post-release's handlers)", () => {
      const statements = statementsOfRole(template, roleId('pollFeed'));
      const sends = statements.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
      const resources = sends.flatMap((statement) => [statement.Resource].flat()).map((resource) => JSON.stringify(resource));
      expect(resources.sort()).toEqual(
        [{ 'Fn::GetAtt': [ids.queue, 'Arn'] }, { 'Fn::GetAtt': [logicalId(stack.publishQueue), 'Arn'] }].map((resource) => JSON.stringify(resource)).sort(),
      );
      expect(actionsOf(statements).filter((action) => /^s3:|^sqs:(Receive|Delete)/.test(action))).toEqual([]);
    });

    it.each(['postRelease', 'requestRun', 'postDeskEntry'] as const)('%s may send to the run queue only', (name) => {
      const statements = statementsOfRole(template, roleId(name));
      expect(actionsOf(statements)).toContain('sqs:SendMessage');
      expect(statements).toContainEqual(
        expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: { 'Fn::GetAtt': [ids.queue, 'Arn'] } }),
      );
      expect(actionsOf(statements).filter((action) => /^s3:|^sqs:(Receive|Delete)/.test(action))).toEqual([]);
    });

    it('run-forecast may get and put objects but not delete them, and consumes the queue', () => {
      const statements = statementsOfRole(template, roleId('runForecast'));
      const actions = actionsOf(statements);
      expect(actions).toEqual(
        expect.arrayContaining(['s3:PutObject', 's3:GetObject', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']),
      );
      expect(actions.filter((action) => /^s3:.*(Delete|\*)|Acl/.test(action))).toEqual([]);
      // It sends to the publish queue only, never to the run queue.
      const sends = statements.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
      expect(sends.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [logicalId(stack.publishQueue), 'Arn'] }]);
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }, '/*']] },
        }),
      );
    });

    it('only the run and publish handlers can reach the bucket', () => {
      for (const name of ['putRace', 'postRelease', 'requestRun', 'getRun', 'postDeskEntry'] as const) {
        expect(JSON.stringify(statementsOfRole(template, roleId(name)))).not.toContain(ids.bucket);
      }
    });
  });
});

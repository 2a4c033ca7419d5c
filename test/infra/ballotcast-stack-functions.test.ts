import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_ENTRIES, type HandlerName } from '../../infra/lib/handlers.ts';
import {
  functionId,
  ids,
  logicalId,
  repositoryRoot,
  roleId,
  stack,
  synthesizeDefaultStack,
  template,
  type Json,
} from './stack-template.ts';

describe('BallotcastStack', () => {
  beforeAll(synthesizeDefaultStack);

  describe('functions', () => {
    const tableName = () => ({ Ref: ids.table });
    const queueUrl = () => ({ Ref: ids.queue });
    const publishQueueUrl = () => ({ Ref: logicalId(stack.publishQueue) });
    const publicBaseUrl = () => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [ids.distribution, 'DomainName'] }]] });

    it('put-race gets the table, the body limit and the publish queue, and nothing else', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('put-race'),
        Environment: {
          Variables: Match.objectEquals({
            TABLE_NAME: tableName(),
            PUBLISH_QUEUE_URL: publishQueueUrl(),
            MAX_BODY_BYTES: '1048576',
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'ballotcast',
          }),
        },
      });
    });

    it.each(['post-release', 'request-run', 'post-desk-entry'])('%s gets the table, the queue, the public URL and the body limit', (name) => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(name),
        Environment: {
          Variables: Match.objectEquals({
            TABLE_NAME: tableName(),
            QUEUE_URL: queueUrl(),
            RELEASE_DRAWS: '20000',
            PUBLIC_BASE_URL: publicBaseUrl(),
            MAX_BODY_BYTES: '1048576',
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'ballotcast',
          }),
        },
      });
    });

    it('get-run gets the table and the public URL', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('get-run'),
        Environment: {
          Variables: Match.objectLike({ TABLE_NAME: tableName(), PUBLIC_BASE_URL: publicBaseUrl(), QUEUE_URL: Match.absent(), BUCKET_NAME: Match.absent() }),
        },
      });
    });

    it('run-forecast gets the table, the bucket, the public URL and the publish queue, but not the run queue', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('run-forecast'),
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: tableName(),
            BUCKET_NAME: { Ref: ids.bucket },
            PUBLIC_BASE_URL: publicBaseUrl(),
            PUBLISH_QUEUE_URL: publishQueueUrl(),
            QUEUE_URL: Match.absent(),
          }),
        },
      });
    });

    it('publish-job gets the table and the bucket, and no queue', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('publish-job'),
        Environment: {
          Variables: Match.objectLike({ TABLE_NAME: tableName(), BUCKET_NAME: { Ref: ids.bucket }, QUEUE_URL: Match.absent(), PUBLISH_QUEUE_URL: Match.absent() }),
        },
      });
    });

    it('every handler is given each variable its entry file reads at cold start', () => {
      // Follows the entry's relative imports inside functions/lambda/ and collects readEnvironment([...]).
      const namesRead = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file)) return new Set();
        seen.add(file);
        const source = readFileSync(file, 'utf8');
        const names = new Set(
          [...source.matchAll(/readEnvironment\(\[([^\]]*)\]/g)].flatMap((match) => [...match[1].matchAll(/'([A-Z_]+)'/g)].map((name) => name[1])),
        );
        for (const [, relative] of source.matchAll(/from '(\.\/[^']+\.ts)'/g)) {
          for (const name of namesRead(join(dirname(file), relative), seen)) names.add(name);
        }
        return names;
      };
      const functions = template.findResources('AWS::Lambda::Function');
      for (const [name, entry] of Object.entries(HANDLER_ENTRIES) as Array<[HandlerName, string]>) {
        const read = namesRead(join(repositoryRoot, entry));
        expect(read, `${name}: no readEnvironment call found from ${entry}`).toContain('TABLE_NAME');
        const given = Object.keys(functions[functionId(name)].Properties.Environment.Variables);
        expect(given, name).toEqual(expect.arrayContaining([...read]));
      }
    });

    it('use the construct defaults: Node.js 22 on ARM, 1024 MB, their own log group kept a month', () => {
      for (const name of Object.keys(stack.functions) as Array<HandlerName>) {
        const fn = template.toJSON().Resources[functionId(name)];
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          MemorySize: 1024,
          Handler: 'index.handler',
          LoggingConfig: { LogGroup: { Ref: logicalId(stack.functions[name].logGroup) } },
          Role: { 'Fn::GetAtt': [roleId(name), 'Arn'] },
        } as Json);
        expect(fn.Properties.TracingConfig).toBeUndefined();
      }
      template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 9); // 8 functions + API access logs
    });

    it('roles carry no AWS managed policies', () => {
      for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BallotcastFunction, ESM_REQUIRE_BANNER } from '../../infra/lib/ballotcast-function.ts';
import { BallotcastStack, type BallotcastStackProps } from '../../infra/lib/ballotcast-stack.ts';
import { PLANNED_RUN_TIMEOUT_SECONDS } from '../../core/pipeline/run-size.ts';
import { HANDLER_ENTRIES, type HandlerName } from '../../infra/lib/handlers.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/**
 * The app `cdk synth` builds (cdk.json's context and feature flags), without bundling. The built-in
 * CloudFormation schema check is left to `cdk synth`: it costs 10-20 s per synthesis.
 */
function makeApp(context: Record<string, unknown> = { 'aws:cdk:bundling-stacks': [] }): App {
  return new App({ context: { ...cdkJson.context, ...context }, builtinCloudFormationValidation: false });
}

function makeStack(props: Partial<BallotcastStackProps> = {}) {
  const app = makeApp();
  const stack = new BallotcastStack(app, 'Ballotcast-test', { stage: 'test', ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

type Json = Record<string, any>;

/** Two feeds to poll: AP every 30 s (so every minute, Scheduler's finest rate) and Clarity every 3 minutes. */
const FEEDS: BallotcastStackProps['feeds'] = [
  {
    id: 'ga-ap',
    format: 'ap',
    url: 'https://api.ap.org/v3/elections/2024-11-05?statePostal=GA&level=ru&format=json',
    intervalSeconds: 30,
    apiKeySecret: 'ballotcast/ap-api-key',
  },
  { id: 'lake', format: 'clarity', url: 'https://results.enr.clarityelections.com/IL/Lake/115000/', intervalSeconds: 150 },
];

const logicalId = (construct: IConstruct): string =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** Every statement of every policy (inline or customer managed) attached to the role. */
function statementsOfRole(template: Template, roleLogicalId: string): Json[] {
  const attached = (resource: Json) =>
    (resource.Properties.Roles ?? []).some((role: Json) => role.Ref === roleLogicalId);
  return [
    ...Object.values(template.findResources('AWS::IAM::Policy')),
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
  ]
    .filter(attached)
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Json[]);
}

const actionsOf = (statements: readonly Json[]): string[] =>
  statements.flatMap((statement) => [statement.Action].flat() as string[]);

describe('BallotcastStack', () => {
  let stack: BallotcastStack;
  let template: Template;
  let ids: Record<'table' | 'bucket' | 'accessLogBucket' | 'queue' | 'dlq' | 'distribution', string>;

  beforeAll(() => {
    ({ stack, template } = makeStack());
    ids = {
      table: logicalId(stack.table),
      bucket: logicalId(stack.bucket),
      accessLogBucket: logicalId(stack.node.findChild('AccessLogBucket')),
      queue: logicalId(stack.runQueue),
      dlq: logicalId(stack.runDeadLetterQueue),
      distribution: logicalId(stack.distribution),
    };
  });

  const functionId = (name: HandlerName) => logicalId(stack.functions[name]);
  const roleId = (name: HandlerName) => logicalId(stack.functions[name].executionRole);

  describe('HTTP API', () => {
    const routes = [
      ['PUT /races/{raceId}', 'putRace'],
      ['POST /races/{raceId}/releases', 'postRelease'],
      ['POST /races/{raceId}/runs', 'requestRun'],
      ['GET /races/{raceId}/runs/{runId}', 'getRun'],
      ['POST /races/{raceId}/calls', 'postDeskEntry'],
      ['POST /races/{raceId}/overrides', 'postDeskEntry'],
    ] as const;

    it.each(routes)('%s is IAM-authorized and invokes %s', (routeKey, handlerName) => {
      const [route] = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
      expect(route, routeKey).toBeDefined();
      expect(route.Properties.AuthorizationType).toBe('AWS_IAM');

      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const integration = template.toJSON().Resources[integrationId];
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [functionId(handlerName), 'Arn'] },
      });
    });

    it('has exactly these six routes, every one with AWS_IAM', () => {
      const allRoutes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
      expect(allRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual(routes.map(([key]) => key).sort());
      expect(allRoutes.every((route) => route.Properties.AuthorizationType === 'AWS_IAM')).toBe(true);
    });

    it('logs access to CloudWatch and throttles the stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
    });

    it('offers forecasters a policy that may invoke only these routes', () => {
      const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
      const [statement, ...others] = policy.Properties.PolicyDocument.Statement as Json[];
      expect(others).toEqual([]);
      expect(statement).toMatchObject({ Effect: 'Allow', Action: 'execute-api:Invoke' });
      const resources = (statement.Resource as Json[]).map((resource) => JSON.stringify(resource));
      expect(resources).toHaveLength(routes.length);
      for (const [routeKey] of routes) {
        const [method, path] = routeKey.split(' ');
        const arnTail = `/$default/${method}${path.replace(/\{[^}]+\}/g, '*')}`;
        expect(resources.some((resource) => resource.endsWith(`"${arnTail}"]]}`)), arnTail).toBe(true);
      }
    });
  });

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

  describe('published JSON', () => {
    it('the bucket blocks public access, is versioned, encrypted and logged', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: ids.accessLogBucket } },
      });
    });

    it('the bucket expires old versions of the objects each run rewrites after 30 days, and keeps the current ones', () => {
      const rules = template.toJSON().Resources[ids.bucket].Properties.LifecycleConfiguration.Rules as Json[];
      expect(rules).toContainEqual({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' });
      // No rule may expire current objects: latest.json must stay until the next run replaces it.
      expect(rules.filter((rule) => rule.ExpirationInDays !== undefined || rule.ExpirationDate !== undefined)).toEqual([]);
    });

    it('the bucket policy lets only this CloudFront distribution read, and refuses plain HTTP', () => {
      const [policy] = Object.values(
        template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: ids.bucket } } }),
      );
      const statements = policy.Properties.PolicyDocument.Statement as Json[];
      const allows = statements.filter((statement) => statement.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': ['', expect.arrayContaining([{ Ref: ids.distribution }])],
            },
          },
        },
      });
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('CloudFront redirects to HTTPS, compresses, reaches S3 through OAC and honours origin Cache-Control', () => {
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            Compress: true,
            AllowedMethods: ['GET', 'HEAD'],
          }),
          Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] } })],
          Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        }),
      });
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
      });
      template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
        CachePolicyConfig: Match.objectLike({ MinTTL: 0, MaxTTL: 31_536_000 }),
      });
    });

    it('graphics on any origin may GET the JSON (CORS)', () => {
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          CorsConfig: Match.objectLike({
            AccessControlAllowOrigins: { Items: ['*'] },
            AccessControlAllowMethods: { Items: Match.arrayWith(['GET']) },
            AccessControlAllowCredentials: false,
          }),
        }),
      });
    });
  });

  describe('run queue', () => {
    it('is FIFO with explicit deduplication ids, encrypted, and redrives to a FIFO dead-letter queue after 3 tries', () => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        FifoQueue: true,
        ContentBasedDeduplication: false,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 3 },
      });
      const dlq = template.toJSON().Resources[ids.dlq];
      expect(dlq.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    });

    it('tells run-forecast how many deliveries the queue makes, so it knows the last one', () => {
      const resources = template.toJSON().Resources;
      const variables = resources[functionId('runForecast')].Properties.Environment.Variables;
      expect(Number(variables.RUN_MAX_RECEIVES)).toBe(resources[ids.queue].Properties.RedrivePolicy.maxReceiveCount);
    });

    it('hides a message for at least six times the run timeout', () => {
      const resources = template.toJSON().Resources;
      const runTimeout = resources[functionId('runForecast')].Properties.Timeout as number;
      expect(resources[ids.queue].Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * runTimeout);
    });

    it('feeds run-forecast one message at a time, reporting failures per item', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: functionId('runForecast') },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    });

    it('feeds publish-job one job at a time from a FIFO queue with a dead-letter queue', () => {
      const resources = template.toJSON().Resources;
      const publishQueue = resources[logicalId(stack.publishQueue)].Properties;
      expect(publishQueue).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
      expect(publishQueue.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.publishDeadLetterQueue), 'Arn'] });
      expect(publishQueue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * resources[functionId('publishJob')].Properties.Timeout);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.publishQueue), 'Arn'] },
        FunctionName: { Ref: functionId('publishJob') },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('raises an alarm as soon as a run is dead-lettered', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });
  });

  describe('table', () => {
    it('has PK/SK, GSI1, on-demand billing, point-in-time recovery and deletion protection', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
          }),
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('deletion protection can be turned off for a throwaway stage', () => {
      makeStack({ deletionProtection: false }).template.hasResourceProperties('AWS::DynamoDB::Table', {
        DeletionProtectionEnabled: false,
      });
    });
  });

  it('sets no physical names, so two stages can share an account', () => {
    const resources = Object.entries(template.toJSON().Resources as Record<string, Json>);
    for (const [id, resource] of resources) {
      for (const property of ['TableName', 'BucketName', 'QueueName']) {
        expect(resource.Properties?.[property], `${id}.${property}`).toBeUndefined();
      }
      // Elsewhere a name may only be a reference (an event source names its function by Ref), never a literal.
      for (const property of ['FunctionName', 'RoleName', 'LogGroupName', 'TopicName', 'AlarmName', 'ManagedPolicyName', 'PolicyName']) {
        const value = resource.Properties?.[property];
        if (property === 'PolicyName' && resource.Type === 'AWS::IAM::Policy') continue; // scoped to its role
        expect(typeof value, `${id}.${property}`).not.toBe('string');
      }
    }
  });

  it('outputs what deployers and the smoke test need', () => {
    for (const output of ['ApiUrl', 'PublicBaseUrl', 'TableName', 'BucketName', 'QueueUrl', 'ForecasterPolicyArn']) {
      template.hasOutput(output, {});
    }
  });

  it('mails the dead-letter alarm when given an address', () => {
    const withEmail = makeStack({ alarmEmail: 'desk@example.org' }).template;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'desk@example.org' });
    withEmail.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.anyValue() }] });
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('gives the run function the timeout the cap on a run’s work is planned for, and refuses a shorter one', () => {
    const resources = template.toJSON().Resources;
    expect(resources[functionId('runForecast')].Properties.Timeout).toBe(PLANNED_RUN_TIMEOUT_SECONDS);
    expect(makeStack({ runTimeout: Duration.minutes(5) }).template.toJSON().Resources[functionId('runForecast')].Properties.Timeout).toBe(300);
    expect(() => new BallotcastStack(makeApp(), 'Short', { stage: 'test', runTimeout: Duration.seconds(30) })).toThrow(
      /runTimeout must be at least 60 seconds, the time the API's cap on a run's work \(MAX_RUN_WORK\) is planned for; got 30/,
    );
  });

  it('rejects a stage name that cannot tag resources cleanly', () => {
    expect(() => new BallotcastStack(makeApp(), 'Bad', { stage: 'Prod!' })).toThrow(/stage/);
  });

  it('raises no CDK errors or warnings', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  afterEach(() => vi.restoreAllMocks());

  /** cdk-nag 3 reports through CDK policy validation, not annotations: run the pack on the tree directly. */
  const findings = (scope: IConstruct) =>
    new AwsSolutionsChecks().validateScope(scope).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`),
    );

  it.each([
    {},
    { alarmEmail: 'desk@example.org' },
    { env: { account: '123456789012', region: 'eu-west-1' } }, // region and partition known, as under `cdk synth`
    { feeds: FEEDS },
  ])('leaves no unacknowledged error or warning (%o)', (props) => {
    expect(findings(makeStack(props).stack)).toEqual([]);
  });

  it('would report a finding: a careless bucket fails the checks', () => {
    const app = makeApp();
    const careless = new Stack(app, 'Careless');
    new Bucket(careless, 'Bucket');
    Template.fromStack(careless);
    expect(findings(careless)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^error AwsSolutions-S1 /), expect.stringMatching(/^error AwsSolutions-S10 /)]),
    );
  });

  it('acknowledges exactly the findings there are, each with a reason', () => {
    // The findings the stack would have without any acknowledgement...
    const acknowledge = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => {});
    const bare = makeStack({ alarmEmail: 'desk@example.org', feeds: FEEDS }).stack;
    const raised = new Set(new AwsSolutionsChecks().validateScope(bare).violations.map((violation) => violation.ruleName));
    acknowledge.mockRestore();

    // ...are the ones it acknowledges: none stale, none missing.
    const { stack } = makeStack({ alarmEmail: 'desk@example.org', feeds: FEEDS });
    const acknowledged = new Map<string, string>();
    for (const construct of stack.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledged.set(id.replace(/^annotation::/i, ''), reason);
        }
      }
    }
    expect([...acknowledged.keys()].sort()).toEqual([...raised].sort());
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(60);
    // The fixed ones stay fixed: these rules are satisfied, not acknowledged.
    for (const fixed of ['S1', 'S2', 'S10', 'SQS3', 'SQS4', 'DDB3', 'APIG1', 'APIG4', 'IAM4', 'CFR3', 'CFR7', 'SNS3']) {
      expect([...raised].filter((id) => id.startsWith(`AwsSolutions-${fixed}`)), fixed).toEqual([]);
    }
  });

  it('fails `cdk synth` on an unacknowledged finding, and passes the ballotcast stack', () => {
    const good = makeApp();
    new BallotcastStack(good, 'Ballotcast-test', { stage: 'test' });
    Validations.of(good).addPlugins(new AwsSolutionsChecks(good));
    expect(() => good.synth()).not.toThrow();

    const bad = makeApp();
    new Bucket(new Stack(bad, 'Careless'), 'Bucket');
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    expect(() => bad.synth()).toThrow(/AwsSolutions-S1/);
  });
});

describe('BallotcastFunction bundling', () => {
  it('emits an ESM bundle with source maps that loads CommonJS dependencies', () => {
    const app = makeApp({}); // bundling on, with the local esbuild
    const stack = new Stack(app, 'BundleProbe');
    new BallotcastFunction(stack, 'Probe', {
      entry: fileURLToPath(new URL('./fixtures/bundle-probe.ts', import.meta.url)),
      timeout: Duration.seconds(3),
    });
    const assembly = app.synth();

    const assetDirectory = readdirSync(assembly.directory)
      .map((name) => join(assembly.directory, name))
      .find((path) => existsSync(join(path, 'index.mjs')));
    expect(assetDirectory).toBeDefined();
    const bundle = readFileSync(join(assetDirectory!, 'index.mjs'), 'utf8');
    expect(bundle.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(bundle).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(existsSync(join(assetDirectory!, 'index.mjs.map'))).toBe(true);

    // Load it as Lambda does: plain ESM in a fresh Node process, where `require` exists only if the banner made it.
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(assetDirectory!, 'index.mjs')).href)});
      process.stdout.write(JSON.stringify(await handler()));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toMatchObject({ loaded: true, moduleUrl: expect.stringMatching(/^file:/) });
  });
});

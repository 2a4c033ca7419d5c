import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BallotcastStack, type BallotcastStackProps } from '../../infra/lib/ballotcast-stack.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

const FEEDS: NonNullable<BallotcastStackProps['feeds']> = [
  { id: 'ga-ap', format: 'ap', url: 'https://api.ap.org/v3/elections/2024-11-05?statePostal=GA&level=ru&format=json', intervalSeconds: 30 },
  { id: 'lake', format: 'clarity', url: 'https://results.enr.clarityelections.com/IL/Lake/115000/', intervalSeconds: 150 },
];

function makeStack(props: Partial<BallotcastStackProps> = {}) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new BallotcastStack(app, 'Ballotcast-test', { stage: 'test', ...props });
  return { stack, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

describe('the feed poller', () => {
  const { stack, template } = makeStack({ feeds: FEEDS });
  const pollerId = logicalId(stack, stack.functions.pollFeed);

  it('gets the feeds as FEEDS, and what the ingest handlers it calls need; one invocation at a time', () => {
    const poller = template.toJSON().Resources[pollerId];
    expect(JSON.parse(poller.Properties.Environment.Variables.FEEDS)).toEqual(FEEDS);
    expect(poller.Properties.Environment.Variables).toMatchObject({ MAX_BODY_BYTES: '1048576', TABLE_NAME: { Ref: logicalId(stack, stack.table) } });
    expect(Object.keys(poller.Properties.Environment.Variables)).toEqual(expect.arrayContaining(['QUEUE_URL', 'PUBLIC_BASE_URL']));
    expect(poller.Properties.Environment.Variables.BUCKET_NAME).toBeUndefined();
    expect(poller.Properties).toMatchObject({ ReservedConcurrentExecutions: 1, Timeout: 60 });
  });

  it('is invoked by one schedule per feed, every whole minute at least its interval, with the feed id', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((schedule) => schedule.Properties);
    expect(schedules.map((schedule) => [JSON.parse(schedule.Target.Input).feedId, schedule.ScheduleExpression])).toEqual([
      ['ga-ap', 'rate(1 minute)'],
      ['lake', 'rate(3 minutes)'],
    ]);
    for (const schedule of schedules) {
      expect(schedule.Target).toMatchObject({ Arn: { 'Fn::GetAtt': [pollerId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } });
    }
  });

  it("invokes through a role that may invoke the poller and nothing else, assumed by this account's schedules only", () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('lambda:InvokeFunction'),
    );
    expect(policies.map((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [pollerId, 'Arn'] } }],
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } } })],
      },
    });
  });

  it('has no schedule without feeds', () => {
    makeStack().template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });

  it('refuses a bad feed, naming its field, and an interval below what the feed allows', () => {
    expect(() => makeStack({ feeds: [{ ...FEEDS[0], url: 'ftp://x' }] })).toThrow(/feeds\[0\]\.url: expected an http\(s\) URL/);
    expect(() => makeStack({ feeds: [FEEDS[0], FEEDS[0]] })).toThrow(/feed id "ga-ap" is used twice/);
    expect(() => makeStack({ feeds: [{ ...FEEDS[0], intervalSeconds: 1 }] })).toThrow(/feeds\[0\]\.intervalSeconds: ap feeds are polled at most every 5 s; got 1/);
  });

  it("may read each AP feed's key secret and no other: GetSecretValue and DescribeSecret on exactly it", () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ballotcast/ap-tx-key-AbC123';
    const feeds: NonNullable<BallotcastStackProps['feeds']> = [
      { ...FEEDS[0], apiKeySecret: 'ballotcast/ap-api-key' },
      { ...FEEDS[0], id: 'tx-ap', apiKeySecret: arn },
      { ...FEEDS[0], id: 'ga-ap-again', apiKeySecret: 'ballotcast/ap-api-key' },
      FEEDS[1],
    ];
    const keyed = makeStack({ feeds });
    const poller = keyed.template.toJSON().Resources[logicalId(keyed.stack, keyed.stack.functions.pollFeed)];

    const statements = Object.values(keyed.template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
      .filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager'));
    const nameArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:ballotcast/ap-api-key-??????']] };
    expect(statements).toEqual([{ Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: [arn, nameArn] }]);
    // Only the poller's role has them; its environment names the secrets, and holds no key.
    const rolesWithSecrets = Object.values(keyed.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('secretsmanager'))
      .map((policy) => policy.Properties.Roles);
    expect(rolesWithSecrets).toEqual([[{ Ref: keyed.stack.getLogicalId(keyed.stack.functions.pollFeed.executionRole.node.defaultChild as CfnElement) }]]);
    expect(JSON.parse(poller.Properties.Environment.Variables.FEEDS).map((feed: { apiKeySecret?: string }) => feed.apiKeySecret)).toEqual([
      'ballotcast/ap-api-key',
      arn,
      'ballotcast/ap-api-key',
      undefined,
    ]);
    expect(Object.keys(poller.Properties.Environment.Variables)).not.toContain('AP_API_KEY');
  });

  it('grants no secret without a feed that names one, and refuses a key for a Clarity feed', () => {
    expect(JSON.stringify(makeStack({ feeds: FEEDS }).template.toJSON())).not.toContain('secretsmanager');
    expect(() => makeStack({ feeds: [{ ...FEEDS[1], apiKeySecret: 'x' }] })).toThrow(/feeds\[0\]\.apiKeySecret: only AP feeds take an API key/);
  });
});

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
});

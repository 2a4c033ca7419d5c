import { Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BallotcastStack } from '../../infra/lib/ballotcast-stack.ts';
import { PLANNED_RUN_TIMEOUT_SECONDS } from '../../core/pipeline/run-size.ts';
import { functionId, makeApp, makeStack, stack, synthesizeDefaultStack, template, type Json } from './stack-template.ts';

// The stack as a whole and its HTTP API. Its functions, grants, storage and queues, cdk-nag's checks and the
// bundling of a function each have a ballotcast-stack-*.test.ts (or ballotcast-function.test.ts) of their own.

describe('BallotcastStack', () => {
  beforeAll(synthesizeDefaultStack);

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

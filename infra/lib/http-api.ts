import type { Stack } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { BallotcastFunction } from './ballotcast-function.ts';
import type { HandlerName } from './handlers.ts';
import type { StackSettings } from './stack-settings.ts';

/** The forecasters' HTTP API: IAM-authorized on every route, throttled, with JSON access logs. */
export function createHttpApi(stack: Stack, settings: StackSettings): [api: HttpApi, stage: HttpStage] {
  const accessLogs = new LogGroup(stack, 'ApiAccessLogs', { retention: settings.logRetention });
  const api = new HttpApi(stack, 'Api', {
    apiName: `${stack.stackName}-api`,
    description: `ballotcast ${settings.stage}: races, releases and runs (IAM-signed requests only)`,
    // Every route is IAM-authorized unless it says otherwise, and none does.
    defaultAuthorizer: new HttpIamAuthorizer(),
    createDefaultStage: false,
  });
  const apiStage = api.addStage('DefaultStage', {
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiRateLimit * 2 },
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          requestTime: '$context.requestTime',
          routeKey: '$context.routeKey',
          status: '$context.status',
          caller: '$context.identity.caller',
          userArn: '$context.identity.userArn',
          sourceIp: '$context.identity.sourceIp',
          responseLength: '$context.responseLength',
          latency: '$context.responseLatency',
          integrationLatency: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
          authorizerError: '$context.authorizer.error',
        }),
      ),
    },
  });
  return [api, apiStage];
}

/** The API's routes, and the managed policy a forecaster needs to call them. */
export function addApiRoutes(
stack: Stack,
api: HttpApi,
functions: Readonly<Record<HandlerName, BallotcastFunction>>,
stage: string,
wildcardResourceFinding: (resource: string) => string,
): ManagedPolicy {
  const { putRace, postRelease, requestRun, getRun, postDeskEntry } = functions;
  const routes: ReadonlyArray<readonly [HttpMethod, string, BallotcastFunction]> = [
    [HttpMethod.PUT, '/races/{raceId}', putRace],
    [HttpMethod.POST, '/races/{raceId}/releases', postRelease],
    [HttpMethod.POST, '/races/{raceId}/runs', requestRun],
    [HttpMethod.GET, '/races/{raceId}/runs/{runId}', getRun],
    [HttpMethod.POST, '/races/{raceId}/calls', postDeskEntry],
    [HttpMethod.POST, '/races/{raceId}/overrides', postDeskEntry],
  ];
  // One integration per function: the desk's function serves two routes.
  const integrations = new Map<BallotcastFunction, HttpLambdaIntegration>();
  for (const [method, path, handler] of routes) {
    const integration = integrations.get(handler) ?? new HttpLambdaIntegration(`${handler.node.id}Integration`, handler);
    integrations.set(handler, integration);
    api.addRoutes({ path, methods: [method], integration });
  }

  // What a forecaster's IAM user or role needs to call the API: attach this policy to them.
  const invokeArns = routes.map(([method, path]) =>
    api.arnForExecuteApi(method, path.replace(/\{[^}]+\}/g, '*'), '$default'),
  );
  const forecasterPolicy = new ManagedPolicy(stack, 'ForecasterInvokePolicy', {
    description: `ballotcast ${stage}: call the forecasters' API (execute-api:Invoke on its routes)`,
    statements: [new PolicyStatement({ effect: Effect.ALLOW, actions: ['execute-api:Invoke'], resources: invokeArns })],
  });
  Validations.of(forecasterPolicy).acknowledge(
    ...invokeArns.map((arn) => ({
      id: wildcardResourceFinding(arn),
      reason:
        'Route parameters (raceId, runId) are chosen by the forecaster, so each route is granted for any id; ' +
        'the grant names the method and path of each route, on this API and stage only.',
    })),
  );

  return forecasterPolicy;
}

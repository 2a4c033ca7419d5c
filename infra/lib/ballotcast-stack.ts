import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ComparisonOperator, TreatMissingData, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { BallotcastFunction } from './ballotcast-function.ts';

/** Handler sources, relative to the repository root. Each exports `handler`. */
export const HANDLER_ENTRIES = {
  putRace: 'functions/lambda/put-race.ts',
  postRelease: 'functions/lambda/post-release.ts',
  requestRun: 'functions/lambda/request-run.ts',
  getRun: 'functions/lambda/get-run.ts',
  runForecast: 'functions/lambda/run-forecast.ts',
} as const;

export type HandlerName = keyof typeof HANDLER_ENTRIES;

const repositoryFile = (relativePath: string): string =>
  fileURLToPath(new URL(`../../${relativePath}`, import.meta.url));

/** SQS redelivers a message only after its visibility timeout; AWS advises six times the function timeout. */
const VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT = 6;

export interface BallotcastStackProps extends StackProps {
  /** Deployment stage, e.g. 'dev' or 'prod': lower-case letters, digits and dashes. Used in tags and descriptions only. */
  readonly stage: string;
  /** Retention of the functions' logs and the API access logs. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Where the dead-letter alarm is mailed. @default - the alarm has no action; watch it in CloudWatch */
  readonly alarmEmail?: string;
  /** DynamoDB deletion protection. @default true */
  readonly deletionProtection?: boolean;
  /** The largest request body the API handlers accept (MAX_BODY_BYTES). @default 1 MiB */
  readonly maxBodyBytes?: number;
  /** Timeout of the run handler; the run queue's visibility timeout is six times it. @default 60 seconds */
  readonly runTimeout?: Duration;
  /** Steady-state request rate of the HTTP API, per second. @default 50 (burst twice that) */
  readonly apiRateLimit?: number;
}

/**
 * ballotcast in one stack: forecasters PUT races and POST releases through an IAM-authorized HTTP API; each
 * accepted release queues a run on a FIFO queue (one message group per race, so runs of a race never
 * overlap); the run handler publishes JSON to a private bucket; graphics read it through CloudFront only.
 */
export class BallotcastStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly runQueue: Queue;
  readonly runDeadLetterQueue: Queue;
  readonly distribution: Distribution;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly dlqAlarm: Alarm;
  readonly functions: Readonly<Record<HandlerName, BallotcastFunction>>;

  constructor(scope: Construct, id: string, props: BallotcastStackProps) {
    super(scope, id, {
      description: `ballotcast (${props.stage}): election-night forecasts, from release to published JSON`,
      ...props,
    });
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(props.stage)) {
      throw new Error(`stage must be lower-case letters, digits and dashes, starting with a letter; got '${props.stage}'`);
    }
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const runTimeout = props.runTimeout ?? Duration.seconds(60);
    const maxBodyBytes = props.maxBodyBytes ?? 1_048_576;
    const apiRateLimit = props.apiRateLimit ?? 50;
    Tags.of(this).add('project', 'ballotcast');
    Tags.of(this).add('stage', props.stage);

    // --- Storage -------------------------------------------------------------------------------------
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection ?? true,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    // Server access logs of the published bucket and CloudFront's standard logs. CloudFront's standard
    // logging writes with object ACLs, so this bucket keeps ACLs enabled (OBJECT_WRITER); it is still
    // private (all public access blocked).
    const accessLogBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });

    this.bucket = new Bucket(this, 'PublishedBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogBucket,
      serverAccessLogsPrefix: 'published-bucket/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });

    // --- Public read path: CloudFront with Origin Access Control ----------------------------------------
    // The publisher sets Cache-Control on every object (a year for immutable runs, seconds for latest.json),
    // so CloudFront honours it: no minimum, a year at most, a minute for an object without the header.
    const cachePolicy = new CachePolicy(this, 'PublishedJsonCachePolicy', {
      comment: 'ballotcast published JSON: honour the origin Cache-Control',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const responseHeadersPolicy = new ResponseHeadersPolicy(this, 'GraphicsResponseHeaders', {
      comment: 'ballotcast published JSON: CORS GET from any origin, plus security headers',
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowOrigins: ['*'],
        accessControlExposeHeaders: ['ETag', 'Last-Modified', 'Age'],
        accessControlMaxAge: Duration.days(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new Distribution(this, 'PublicDistribution', {
      comment: `ballotcast ${props.stage}: published forecasts`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        compress: true,
        cachePolicy,
        responseHeadersPolicy,
      },
      defaultRootObject: 'index.json',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: accessLogBucket,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The forecasts are public election coverage for readers anywhere; there is no country to block.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Read-only, cached, public JSON from a private bucket: no forms, no writes, no origin compute to protect. ' +
          'CloudFront Shield Standard covers volumetric attacks; add WAF if abuse appears.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, for which CloudFront does not allow a ' +
          'minimum TLS version to be set. Give it a custom domain and ACM certificate (TLSv1.2_2021) to clear this.',
      },
    );
    const publicBaseUrl = `https://${this.distribution.distributionDomainName}`;

    // --- Run queue -----------------------------------------------------------------------------------
    this.runDeadLetterQueue = new Queue(this, 'RunDeadLetterQueue', {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.runQueue = new Queue(this, 'RunQueue', {
      fifo: true,
      // The sender sets MessageDeduplicationId = runId and MessageGroupId = raceId.
      contentBasedDeduplication: false,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(runTimeout.toSeconds() * VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.runDeadLetterQueue, maxReceiveCount: 3 },
    });

    // A run that failed three times lands in the dead-letter queue; make that visible at once.
    this.dlqAlarm = this.runDeadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'RunDeadLetterAlarm', {
        alarmDescription: `ballotcast ${props.stage}: a forecast run failed three times and is in the dead-letter queue`,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    if (props.alarmEmail !== undefined) {
      const alarmTopic = new Topic(this, 'AlarmTopic', { enforceSSL: true });
      alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
      this.dlqAlarm.addAlarmAction(new SnsAction(alarmTopic));
    }

    // --- Functions -----------------------------------------------------------------------------------
    const fn = (name: HandlerName, id: string, environment: Record<string, string>, timeout = Duration.seconds(10)) =>
      new BallotcastFunction(this, id, {
        entry: repositoryFile(HANDLER_ENTRIES[name]),
        description: `ballotcast ${props.stage}: ${HANDLER_ENTRIES[name]}`,
        logRetention,
        timeout,
        environment: { TABLE_NAME: this.table.tableName, ...environment },
      });
    // MAX_BODY_BYTES for the handlers that take a request body.
    const httpEnvironment = { MAX_BODY_BYTES: String(maxBodyBytes) };
    const queueEnvironment = { QUEUE_URL: this.runQueue.queueUrl };
    const publicEnvironment = { PUBLIC_BASE_URL: publicBaseUrl };
    this.functions = {
      putRace: fn('putRace', 'PutRace', { ...httpEnvironment }),
      // The two that queue runs answer with the run's public URL too, so they also get PUBLIC_BASE_URL.
      postRelease: fn('postRelease', 'PostRelease', { ...httpEnvironment, ...queueEnvironment, ...publicEnvironment }),
      requestRun: fn('requestRun', 'RequestRun', { ...httpEnvironment, ...queueEnvironment, ...publicEnvironment }),
      getRun: fn('getRun', 'GetRun', { ...publicEnvironment }),
      runForecast: fn(
        'runForecast',
        'RunForecast',
        { BUCKET_NAME: this.bucket.bucketName, ...publicEnvironment },
        runTimeout,
      ),
    };
    const { putRace, postRelease, requestRun, getRun, runForecast } = this.functions;

    // Least privilege, one grant per need.
    this.table.grants.readWriteData(putRace);
    this.table.grants.readWriteData(postRelease);
    this.table.grants.readWriteData(requestRun);
    this.table.grants.readData(getRun);
    this.table.grants.readWriteData(runForecast);
    this.runQueue.grants.sendMessages(postRelease);
    this.runQueue.grants.sendMessages(requestRun);
    // Objects: get and put only (no delete, no ACLs). ListBucket on the bucket makes S3 answer a missing
    // key with 404 NoSuchKey instead of 403, which the publisher's getRun relies on to return undefined.
    this.bucket.grants.actionsOnObjectKeys(runForecast, '*', 's3:GetObject', 's3:PutObject');
    runForecast.addToRolePolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    );
    runForecast.addEventSource(new SqsEventSource(this.runQueue, { batchSize: 1, reportBatchItemFailures: true }));

    const tableIndexes = this.wildcardResourceFinding(`${this.table.tableArn}/index/*`);
    for (const handler of [putRace, postRelease, requestRun, getRun, runForecast]) {
      Validations.of(handler.executionRole).acknowledge({
        id: tableIndexes,
        reason:
          'The table grant covers its index GSI1 (queried for listings), whose ARN is the table ARN plus ' +
          '/index/*; the actions are the DynamoDB data actions of the grant, nothing else.',
      });
    }
    Validations.of(runForecast.executionRole).acknowledge({
      id: this.wildcardResourceFinding(this.bucket.arnForObjects('*')),
      reason:
        'The run handler writes and reads objects whose keys hold race and run ids (races/{raceId}/..., ' +
        'index.json, schema/...), known only at run time; the actions are only s3:GetObject and s3:PutObject.',
    });

    // --- HTTP API --------------------------------------------------------------------------------------
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention });
    this.api = new HttpApi(this, 'Api', {
      apiName: `${this.stackName}-api`,
      description: `ballotcast ${props.stage}: races, releases and runs (IAM-signed requests only)`,
      // Every route is IAM-authorized unless it says otherwise, and none does.
      defaultAuthorizer: new HttpIamAuthorizer(),
      createDefaultStage: false,
    });
    this.apiStage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: apiRateLimit, burstLimit: apiRateLimit * 2 },
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
    const routes: ReadonlyArray<readonly [HttpMethod, string, BallotcastFunction]> = [
      [HttpMethod.PUT, '/races/{raceId}', putRace],
      [HttpMethod.POST, '/races/{raceId}/releases', postRelease],
      [HttpMethod.POST, '/races/{raceId}/runs', requestRun],
      [HttpMethod.GET, '/races/{raceId}/runs/{runId}', getRun],
    ];
    for (const [method, path, handler] of routes) {
      this.api.addRoutes({
        path,
        methods: [method],
        integration: new HttpLambdaIntegration(`${handler.node.id}Integration`, handler),
      });
    }

    // What a forecaster's IAM user or role needs to call the API: attach this policy to them.
    const invokeArns = routes.map(([method, path]) =>
      this.api.arnForExecuteApi(method, path.replace(/\{[^}]+\}/g, '*'), '$default'),
    );
    const forecasterPolicy = new ManagedPolicy(this, 'ForecasterInvokePolicy', {
      description: `ballotcast ${props.stage}: call the forecasters' API (execute-api:Invoke on its routes)`,
      statements: [new PolicyStatement({ effect: Effect.ALLOW, actions: ['execute-api:Invoke'], resources: invokeArns })],
    });
    Validations.of(forecasterPolicy).acknowledge(
      ...invokeArns.map((arn) => ({
        id: this.wildcardResourceFinding(arn),
        reason:
          'Route parameters (raceId, runId) are chosen by the forecaster, so each route is granted for any id; ' +
          'the grant names the method and path of each route, on this API and stage only.',
      })),
    );

    // --- Outputs -----------------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API (SigV4-signed requests)' });
    new CfnOutput(this, 'PublicBaseUrl', { value: publicBaseUrl, description: 'Where graphics read the published JSON' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'QueueUrl', { value: this.runQueue.queueUrl });
    new CfnOutput(this, 'ForecasterPolicyArn', {
      value: forecasterPolicy.managedPolicyArn,
      description: 'Attach to forecasters’ IAM users or roles so they may call the API',
    });
  }

  /**
   * The id under which cdk-nag reports a wildcard resource in a policy: AwsSolutions-IAM5[Resource::...]
   * with the resource flattened as cdk-nag flattens it (it depends on whether region and partition are known).
   */
  private wildcardResourceFinding(resource: string): string {
    return `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(resource))}]`;
  }
}

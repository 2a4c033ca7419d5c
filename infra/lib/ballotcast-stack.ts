import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { ComparisonOperator, TreatMissingData, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { BallotcastFunction } from './ballotcast-function.ts';
import { HANDLER_ENTRIES, TABLE_ACTIONS, type HandlerName } from './handlers.ts';
import { addFeedSchedules, grantFeedSecrets, POLL_TIMEOUT } from './feed-poller.ts';
import { addApiRoutes, createHttpApi } from './http-api.ts';
import { createPublicDistribution } from './public-distribution.ts';
import { createFifoQueues, createPublishQueues, grantPublishJobs, PUBLISH_TIMEOUT } from './publish-queues.ts';
import { RUN_MAX_RECEIVES, VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT } from './run-settings.ts';
import { resolveSettings, type BallotcastStackProps, type StackSettings } from './stack-settings.ts';

export type { BallotcastStackProps } from './stack-settings.ts';

const repositoryFile = (relativePath: string): string =>
  fileURLToPath(new URL(`../../${relativePath}`, import.meta.url));

/** How long the published bucket keeps a version after a newer one replaced it. */
export const NONCURRENT_VERSION_DAYS = 30;

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
  readonly publishQueue: Queue;
  readonly publishDeadLetterQueue: Queue;
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
    const settings = resolveSettings(props);
    Tags.of(this).add('project', 'ballotcast');
    Tags.of(this).add('stage', props.stage);

    this.table = this.createTable(props.deletionProtection ?? true);
    const accessLogBucket = this.createAccessLogBucket();
    this.bucket = this.createPublishedBucket(accessLogBucket);
    this.distribution = createPublicDistribution(this, props.stage, this.bucket, accessLogBucket);
    const publicBaseUrl = `https://${this.distribution.distributionDomainName}`;
    [this.runQueue, this.runDeadLetterQueue] = this.createRunQueues(settings.runTimeout);
    [this.publishQueue, this.publishDeadLetterQueue] = createPublishQueues(this);
    this.dlqAlarm = this.createDeadLetterAlarm(props.stage, props.alarmEmail);
    this.functions = this.createFunctions(settings, publicBaseUrl);
    this.grantLeastPrivilege();
    addFeedSchedules(this, this.functions.pollFeed, settings.feeds, settings.stage);
    grantFeedSecrets(this, this.functions.pollFeed, settings.feeds);
    [this.api, this.apiStage] = createHttpApi(this, settings);
    const forecasterPolicy = addApiRoutes(this, this.api, this.functions, props.stage, (resource) => this.wildcardResourceFinding(resource));
    this.addOutputs(publicBaseUrl, forecasterPolicy);
  }

  /** The single table of races, releases and runs (docs/storage.md), with the index that lists races. */
  private createTable(deletionProtection: boolean): Table {
    const table = new Table(this, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection,
    });
    table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    return table;
  }

  /**
   * Server access logs of the published bucket and CloudFront's standard logs. CloudFront's standard
   * logging writes with object ACLs, so this bucket keeps ACLs enabled (OBJECT_WRITER); it is still
   * private (all public access blocked).
   */
  private createAccessLogBucket(): Bucket {
    return new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });

  }

  /** The private, versioned bucket the run handler publishes to; readers reach it through CloudFront only. */
  private createPublishedBucket(accessLogBucket: Bucket): Bucket {
    return new Bucket(this, 'PublishedBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogBucket,
      serverAccessLogsPrefix: 'published-bucket/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Every run rewrites latest.json and history.json, and the publish jobs index.json and summary.json,
        // so on election night each gathers hundreds of old versions. Versioning is there to undo a bad publish, which is noticed
        // within days; after 30 days an old version is only storage cost.
        { noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS) },
      ],
    });

  }

  /** The FIFO run queue (one message group per race: the sender sets MessageGroupId = raceId) and its dead-letter queue. */
  private createRunQueues(runTimeout: Duration): [queue: Queue, deadLetterQueue: Queue] {
    return createFifoQueues(this, 'Run', {
      visibilityTimeout: Duration.seconds(runTimeout.toSeconds() * VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT),
      retentionPeriod: Duration.days(4),
      maxReceiveCount: RUN_MAX_RECEIVES,
    });
  }

  /** A run that failed transiently three times lands in the dead-letter queue; make that visible at once. */
  private createDeadLetterAlarm(stage: string, alarmEmail: string | undefined): Alarm {
    const alarm = this.runDeadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'RunDeadLetterAlarm', {
        alarmDescription: `ballotcast ${stage}: a forecast run failed transiently three times and is in the dead-letter queue`,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    if (alarmEmail !== undefined) {
      const alarmTopic = new Topic(this, 'AlarmTopic', { enforceSSL: true });
      alarmTopic.addSubscription(new EmailSubscription(alarmEmail));
      alarm.addAlarmAction(new SnsAction(alarmTopic));
    }

    return alarm;
  }

  /** The six handlers, each with only the environment it needs. */
  private createFunctions(settings: StackSettings, publicBaseUrl: string): Readonly<Record<HandlerName, BallotcastFunction>> {
    const fn = (name: HandlerName, id: string, environment: Record<string, string>, timeout = Duration.seconds(10)) =>
      new BallotcastFunction(this, id, {
        entry: repositoryFile(HANDLER_ENTRIES[name]),
        description: `ballotcast ${settings.stage}: ${HANDLER_ENTRIES[name]}`,
        logRetention: settings.logRetention,
        timeout,
        environment: { TABLE_NAME: this.table.tableName, ...environment },
      });
    // MAX_BODY_BYTES for the handlers that take a request body.
    const httpEnvironment = { MAX_BODY_BYTES: String(settings.maxBodyBytes) };
    // The two that queue runs choose their draws, and whether they join the night.
    const queueEnvironment = { QUEUE_URL: this.runQueue.queueUrl, RELEASE_DRAWS: String(settings.releaseDraws) };
    const publicEnvironment = { PUBLIC_BASE_URL: publicBaseUrl };
    // Those that request publish jobs (index.json, summary.json) get the publish queue.
    const publishEnvironment = { PUBLISH_QUEUE_URL: this.publishQueue.queueUrl };
    return {
      putRace: fn('putRace', 'PutRace', { ...httpEnvironment, ...publishEnvironment }),
      // The two that queue runs answer with the run's public URL too, so they also get PUBLIC_BASE_URL.
      postRelease: fn('postRelease', 'PostRelease', { ...httpEnvironment, ...queueEnvironment, ...publicEnvironment }),
      requestRun: fn('requestRun', 'RequestRun', { ...httpEnvironment, ...queueEnvironment, ...publicEnvironment }),
      getRun: fn('getRun', 'GetRun', { ...publicEnvironment }),
      // The desk's calls and overrides queue a run of the newest release, as a release does.
      postDeskEntry: fn('postDeskEntry', 'PostDeskEntry', { ...httpEnvironment, ...queueEnvironment, ...publicEnvironment }),
      runForecast: fn(
        'runForecast',
        'RunForecast',
        { BUCKET_NAME: this.bucket.bucketName, RUN_MAX_RECEIVES: String(RUN_MAX_RECEIVES), ...publicEnvironment, ...publishEnvironment },
        settings.runTimeout,
      ),
      // It calls the put-race and post-release handlers, so it has their environment, and its feeds.
      pollFeed: fn(
        'pollFeed',
        'PollFeed',
        { ...httpEnvironment, ...queueEnvironment, ...publicEnvironment, ...publishEnvironment, FEEDS: JSON.stringify(settings.feeds) },
        POLL_TIMEOUT,
      ),
      publishJob: fn('publishJob', 'PublishJob', { BUCKET_NAME: this.bucket.bucketName }, PUBLISH_TIMEOUT),
    };

  }

  /** Least privilege, one grant per need, with each cdk-nag finding that remains justified. */
  private grantLeastPrivilege(): void {
    const { putRace, postRelease, requestRun, getRun, postDeskEntry, runForecast, pollFeed, publishJob } = this.functions;
    // One poll of a feed at a time, so two invocations never post the same releases or race on its state.
    (pollFeed.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;
    // Only the DynamoDB actions each function sends (TABLE_ACTIONS): none may delete, batch-write or scan.
    for (const name of Object.keys(TABLE_ACTIONS) as HandlerName[]) {
      this.table.grants.actions(this.functions[name], ...TABLE_ACTIONS[name]);
    }
    this.runQueue.grants.sendMessages(postRelease);
    this.runQueue.grants.sendMessages(requestRun);
    this.runQueue.grants.sendMessages(postDeskEntry);
    this.runQueue.grants.sendMessages(pollFeed);
    // Objects: get and put only (no delete, no ACLs). ListBucket on the bucket makes S3 answer a missing
    // key with 404 NoSuchKey instead of 403, which the publisher's getRun relies on to return undefined.
    this.bucket.grants.actionsOnObjectKeys(runForecast, '*', 's3:GetObject', 's3:PutObject');
    runForecast.addToRolePolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    );
    runForecast.addEventSource(new SqsEventSource(this.runQueue, { batchSize: 1, reportBatchItemFailures: true }));
    const publishParts = { bucket: this.bucket, publishQueue: this.publishQueue, putRace, runForecast, publishJob, pollFeed };
    grantPublishJobs(publishParts, (resource) => this.wildcardResourceFinding(resource));

    const tableIndexes = this.wildcardResourceFinding(`${this.table.tableArn}/index/*`);
    for (const handler of [putRace, postRelease, requestRun, getRun, postDeskEntry, runForecast, pollFeed, publishJob]) {
      Validations.of(handler.executionRole).acknowledge({
        id: tableIndexes,
        reason:
          'The table grant covers its index GSI1 (queried for listings), whose ARN is the table ARN plus ' +
          '/index/*; the actions are only the item actions the function sends (TABLE_ACTIONS), never Scan.',
      });
    }
    Validations.of(runForecast.executionRole).acknowledge({
      id: this.wildcardResourceFinding(this.bucket.arnForObjects('*')),
      reason:
        'The run handler writes and reads objects whose keys hold race and run ids (races/{raceId}/..., ' +
        'index.json, schema/...), known only at run time; the actions are only s3:GetObject and s3:PutObject.',
    });

  }

  /** The HTTP API, IAM-authorized on every route, with access logs and throttling. */
  private addOutputs(publicBaseUrl: string, forecasterPolicy: ManagedPolicy): void {
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

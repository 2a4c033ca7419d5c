import { Duration, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { FeedSourcesSchema, pollIntervalSeconds, type FeedSource } from '../../feeds/poll/feed-source.ts';
import type { BallotcastFunction } from './ballotcast-function.ts';

/** The poller's timeout: two requests of at most 20 s each (Clarity's version, then its report), then posting. */
export const POLL_TIMEOUT = Duration.seconds(60);

/**
 * The feeds of a deployment, checked as the poller will read them (FEEDS): ids unique, URLs http(s), intervals
 * not below the feed's minimum.
 * @throws Error naming each bad field, e.g. `feeds[0].url: expected an http(s) URL`.
 */
export function checkedFeeds(feeds: unknown): FeedSource[] {
  const parsed = FeedSourcesSchema.safeParse(feeds);
  if (!parsed.success) {
    throw new Error(`feeds: ${parsed.error.issues.map((issue) => `feeds[${issue.path.join('].')}: ${issue.message}`).join('; ')}`);
  }
  parsed.data.forEach((feed, index) => {
    try {
      pollIntervalSeconds(feed);
    } catch (error) {
      throw new Error(`feeds[${index}].${(error as Error).message}`);
    }
  });
  return parsed.data;
}

/**
 * One EventBridge Scheduler schedule per feed, invoking the poller with `{ "feedId": … }`. Scheduler's
 * finest rate is one minute, so a feed is polled every whole number of minutes at least its interval. A
 * missed invocation is not retried: the next one polls anyway, from the state the last one saved.
 */
export function addFeedSchedules(scope: Construct, poller: BallotcastFunction, feeds: readonly FeedSource[], stage: string): Schedule[] {
  if (feeds.length === 0) return [];
  const role = schedulerRole(scope, poller, stage);
  return feeds.map(
    (feed) =>
      new Schedule(scope, `PollSchedule-${feed.id}`, {
        description: `ballotcast ${stage}: poll the ${feed.format} feed ${feed.id}`,
        schedule: ScheduleExpression.rate(Duration.minutes(Math.max(1, Math.ceil(pollIntervalSeconds(feed) / 60)))),
        target: new LambdaInvoke(poller, {
          role,
          input: ScheduleTargetInput.fromObject({ feedId: feed.id }),
          retryAttempts: 0,
          maxEventAge: Duration.minutes(1),
        }),
      }),
  );
}

/**
 * Lets the poller read the secret each AP feed names (`apiKeySecret`), and no other secret: grantRead, that
 * is secretsmanager:GetSecretValue and DescribeSecret on exactly that secret. The key stays in Secrets
 * Manager; the template and the function's environment hold only the secret's name or ARN (in FEEDS).
 */
export function grantFeedSecrets(scope: Construct, poller: BallotcastFunction, feeds: readonly FeedSource[]): void {
  const secretIds = [...new Set(feeds.flatMap((feed) => (feed.apiKeySecret === undefined ? [] : [feed.apiKeySecret])))];
  secretIds.forEach((secretId, index) => importedSecret(scope, `FeedApiKeySecret${index}`, secretId).grantRead(poller));
}

/**
 * A secret by name or ARN. A name, or an ARN without Secrets Manager's six-character suffix, matches the
 * suffix with "-??????" (one secret of that name); a complete ARN ends in "-" and those six characters.
 */
function importedSecret(scope: Construct, id: string, secretId: string): ISecret {
  if (!secretId.startsWith('arn:')) return Secret.fromSecretNameV2(scope, id, secretId);
  return /-[A-Za-z0-9]{6}$/.test(secretId) ? Secret.fromSecretCompleteArn(scope, id, secretId) : Secret.fromSecretPartialArn(scope, id, secretId);
}

/**
 * The role the schedules invoke the poller with: lambda:InvokeFunction on the function itself and nothing
 * else. The target would grant it on the function's versions too (`<arn>:*`, a wildcard), which an
 * unqualified invoke never needs; the role is handed over immutable, so that grant is dropped.
 */
function schedulerRole(scope: Construct, poller: BallotcastFunction, stage: string) {
  const role = new Role(scope, 'PollSchedulerRole', {
    // Only this account's schedules may use it (the confused-deputy guard Scheduler's documentation advises).
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } }),
    description: `ballotcast ${stage}: lets EventBridge Scheduler invoke the feed poller`,
  });
  role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['lambda:InvokeFunction'], resources: [poller.functionArn] }));
  return role.withoutPolicyUpdates();
}

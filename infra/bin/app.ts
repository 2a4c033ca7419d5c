import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BallotcastStack } from '../lib/ballotcast-stack.ts';

// Composition only. Choose the stage with `cdk synth -c stage=prod` (default 'dev'); optional context:
// alarmEmail=you@example.org, deletionProtection=false, feeds='[{"id":"ga","format":"ap","url":"https://…"}]'
// (the feeds to poll, as JSON, on the command line or in cdk.json's context; docs/polling-feeds.md).
const app = new App();
const stage: string = app.node.tryGetContext('stage') ?? 'dev';
const alarmEmail: string | undefined = app.node.tryGetContext('alarmEmail');
const feedsContext: unknown = app.node.tryGetContext('feeds');
const feeds = typeof feedsContext === 'string' ? JSON.parse(feedsContext) : feedsContext;
const deletionProtection = String(app.node.tryGetContext('deletionProtection') ?? 'true') !== 'false';

new BallotcastStack(app, `Ballotcast-${stage}`, {
  stage,
  alarmEmail,
  deletionProtection,
  feeds,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

// cdk-nag 3 is a policy-validation plugin: any unacknowledged AwsSolutions finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

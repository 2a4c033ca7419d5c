import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { BallotcastStack, type BallotcastStackProps } from '../../infra/lib/ballotcast-stack.ts';
import type { HandlerName } from '../../infra/lib/handlers.ts';

// What the ballotcast-stack*.test.ts files share: the app `cdk synth` builds, the default stack's template
// and the lookups its tests make in it.

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/**
 * The app `cdk synth` builds (cdk.json's context and feature flags), without bundling. The built-in
 * CloudFormation schema check is left to `cdk synth`: it costs 10-20 s per synthesis.
 */
export function makeApp(context: Record<string, unknown> = { 'aws:cdk:bundling-stacks': [] }): App {
  return new App({ context: { ...cdkJson.context, ...context }, builtinCloudFormationValidation: false });
}

export function makeStack(props: Partial<BallotcastStackProps> = {}) {
  const app = makeApp();
  const stack = new BallotcastStack(app, 'Ballotcast-test', { stage: 'test', ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

export type Json = Record<string, any>;

/** Two feeds to poll: AP every 30 s (so every minute, Scheduler's finest rate) and Clarity every 3 minutes. */
export const FEEDS: BallotcastStackProps['feeds'] = [
  {
    id: 'ga-ap',
    format: 'ap',
    url: 'https://api.ap.org/v3/elections/2024-11-05?statePostal=GA&level=ru&format=json',
    intervalSeconds: 30,
    apiKeySecret: 'ballotcast/ap-api-key',
  },
  { id: 'lake', format: 'clarity', url: 'https://results.enr.clarityelections.com/IL/Lake/115000/', intervalSeconds: 150 },
];

export const logicalId = (construct: IConstruct): string =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** Every statement of every policy (inline or customer managed) attached to the role. */
export function statementsOfRole(template: Template, roleLogicalId: string): Json[] {
  const attached = (resource: Json) =>
    (resource.Properties.Roles ?? []).some((role: Json) => role.Ref === roleLogicalId);
  return [
    ...Object.values(template.findResources('AWS::IAM::Policy')),
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
  ]
    .filter(attached)
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Json[]);
}

export const actionsOf = (statements: readonly Json[]): string[] =>
  statements.flatMap((statement) => [statement.Action].flat() as string[]);

// The default stack, synthesized once per test file by `beforeAll(synthesizeDefaultStack)`. ES module
// exports are live bindings, so the tests read these as plain variables once the hook has run.
export let stack: BallotcastStack;
export let template: Template;
export let ids: Record<'table' | 'bucket' | 'accessLogBucket' | 'queue' | 'dlq' | 'distribution', string>;

export function synthesizeDefaultStack(): void {
  ({ stack, template } = makeStack());
  ids = {
    table: logicalId(stack.table),
    bucket: logicalId(stack.bucket),
    accessLogBucket: logicalId(stack.node.findChild('AccessLogBucket')),
    queue: logicalId(stack.runQueue),
    dlq: logicalId(stack.runDeadLetterQueue),
    distribution: logicalId(stack.distribution),
  };
}

export const functionId = (name: HandlerName) => logicalId(stack.functions[name]);
export const roleId = (name: HandlerName) => logicalId(stack.functions[name].executionRole);

import { Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BallotcastStack } from '../../infra/lib/ballotcast-stack.ts';
import { FEEDS, makeApp, makeStack } from './stack-template.ts';

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

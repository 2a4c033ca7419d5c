import { beforeAll, describe, expect, it } from 'vitest';
import { functionId, ids, logicalId, stack, synthesizeDefaultStack, template } from './stack-template.ts';

describe('BallotcastStack', () => {
  beforeAll(synthesizeDefaultStack);

  describe('run queue', () => {
    it('is FIFO with explicit deduplication ids, encrypted, and redrives to a FIFO dead-letter queue after 3 tries', () => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        FifoQueue: true,
        ContentBasedDeduplication: false,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 3 },
      });
      const dlq = template.toJSON().Resources[ids.dlq];
      expect(dlq.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    });

    it('tells run-forecast how many deliveries the queue makes, so it knows the last one', () => {
      const resources = template.toJSON().Resources;
      const variables = resources[functionId('runForecast')].Properties.Environment.Variables;
      expect(Number(variables.RUN_MAX_RECEIVES)).toBe(resources[ids.queue].Properties.RedrivePolicy.maxReceiveCount);
    });

    it('hides a message for at least six times the run timeout', () => {
      const resources = template.toJSON().Resources;
      const runTimeout = resources[functionId('runForecast')].Properties.Timeout as number;
      expect(resources[ids.queue].Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * runTimeout);
    });

    it('feeds run-forecast one message at a time, reporting failures per item', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: functionId('runForecast') },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    });

    it('feeds publish-job one job at a time from a FIFO queue with a dead-letter queue', () => {
      const resources = template.toJSON().Resources;
      const publishQueue = resources[logicalId(stack.publishQueue)].Properties;
      expect(publishQueue).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
      expect(publishQueue.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.publishDeadLetterQueue), 'Arn'] });
      expect(publishQueue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * resources[functionId('publishJob')].Properties.Timeout);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.publishQueue), 'Arn'] },
        FunctionName: { Ref: functionId('publishJob') },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('raises an alarm as soon as a run is dead-lettered', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });
  });
});

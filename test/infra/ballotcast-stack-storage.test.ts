import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ids, makeStack, synthesizeDefaultStack, template, type Json } from './stack-template.ts';

// Where the stack keeps things: the bucket and CloudFront in front of it, and the table.

describe('BallotcastStack', () => {
  beforeAll(synthesizeDefaultStack);

  describe('published JSON', () => {
    it('the bucket blocks public access, is versioned, encrypted and logged', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: ids.accessLogBucket } },
      });
    });

    it('the bucket expires old versions of the objects each run rewrites after 30 days, and keeps the current ones', () => {
      const rules = template.toJSON().Resources[ids.bucket].Properties.LifecycleConfiguration.Rules as Json[];
      expect(rules).toContainEqual({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' });
      // No rule may expire current objects: latest.json must stay until the next run replaces it.
      expect(rules.filter((rule) => rule.ExpirationInDays !== undefined || rule.ExpirationDate !== undefined)).toEqual([]);
    });

    it('the bucket policy lets only this CloudFront distribution read, and refuses plain HTTP', () => {
      const [policy] = Object.values(
        template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: ids.bucket } } }),
      );
      const statements = policy.Properties.PolicyDocument.Statement as Json[];
      const allows = statements.filter((statement) => statement.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': ['', expect.arrayContaining([{ Ref: ids.distribution }])],
            },
          },
        },
      });
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('CloudFront redirects to HTTPS, compresses, reaches S3 through OAC and honours origin Cache-Control', () => {
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            Compress: true,
            AllowedMethods: ['GET', 'HEAD'],
          }),
          Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] } })],
          Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        }),
      });
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
      });
      template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
        CachePolicyConfig: Match.objectLike({ MinTTL: 0, MaxTTL: 31_536_000 }),
      });
    });

    it('graphics on any origin may GET the JSON (CORS)', () => {
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          CorsConfig: Match.objectLike({
            AccessControlAllowOrigins: { Items: ['*'] },
            AccessControlAllowMethods: { Items: Match.arrayWith(['GET']) },
            AccessControlAllowCredentials: false,
          }),
        }),
      });
    });
  });

  describe('table', () => {
    it('has PK/SK, GSI1, on-demand billing, point-in-time recovery and deletion protection', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
          }),
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('deletion protection can be turned off for a throwaway stage', () => {
      makeStack({ deletionProtection: false }).template.hasResourceProperties('AWS::DynamoDB::Table', {
        DeletionProtectionEnabled: false,
      });
    });
  });
});

import { Duration, Validations, type Stack } from 'aws-cdk-lib';
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
import type { Bucket } from 'aws-cdk-lib/aws-s3';

/**
 * The public read path: CloudFront with Origin Access Control. The publisher sets Cache-Control on every
 * object (a year for immutable runs, seconds for latest.json), so CloudFront honours it: no minimum, a year
 * at most, a minute for an object without the header.
 */
export function createPublicDistribution(stack: Stack, stage: string, bucket: Bucket, accessLogBucket: Bucket): Distribution {
  const cachePolicy = new CachePolicy(stack, 'PublishedJsonCachePolicy', {
    comment: 'ballotcast published JSON: honour the origin Cache-Control',
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.minutes(1),
    maxTtl: Duration.days(365),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
  const responseHeadersPolicy = new ResponseHeadersPolicy(stack, 'GraphicsResponseHeaders', {
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
  const distribution = new Distribution(stack, 'PublicDistribution', {
    comment: `ballotcast ${stage}: published forecasts`,
    defaultBehavior: {
      origin: S3BucketOrigin.withOriginAccessControl(bucket),
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
  Validations.of(distribution).acknowledge(
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
  return distribution;
}

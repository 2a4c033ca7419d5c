import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * Lets an ESM bundle load the CommonJS dependencies esbuild folds into it: they call `require`, which
 * ESM does not define.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** How every function is bundled by the local esbuild (`npm run bench` bundles run-forecast the same way). */
export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // Maps give file and line; leaving the sources out keeps them about half the size.
  sourcesContent: false,
  // Ship the AWS SDK v3 versions the lockfile pins, not whichever the Lambda runtime has that day.
  bundleAwsSDK: true,
} as const satisfies BundlingOptions;

export interface BallotcastFunctionProps
  extends Omit<NodejsFunctionProps, 'entry' | 'logRetention' | 'logGroup' | 'role'> {
  /** The handler's source file; it must export `handler`. */
  readonly entry: string;
  /** How long the function's log group keeps events. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** POWERTOOLS_SERVICE_NAME, the `service` key of every log line. @default 'ballotcast' */
  readonly serviceName?: string;
}

/**
 * A Lambda function with ballotcast's defaults: Node.js 22 on ARM (Graviton), an ESM bundle built by the
 * local esbuild with source maps, 1024 MB, its own log group with a retention, and its own role that may
 * write only to that log group. The role has no AWS managed policy (no AWSLambdaBasicExecutionRole), so
 * every other permission comes from the grants the stack makes.
 *
 * The log group and the role are created beside the function (ids `${id}Logs` and `${id}Role`), because
 * the function needs both at construction time, before `this` exists.
 */
export class BallotcastFunction extends NodejsFunction {
  /** The function's own role: it may write to its log group, and holds whatever the stack grants. */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: BallotcastFunctionProps) {
    const { logRetention = RetentionDays.ONE_MONTH, serviceName = 'ballotcast', environment, bundling, ...rest } =
      props;

    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: logRetention });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });

    super(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      // The forecast is CPU-bound and Lambda allots CPU in proportion to memory.
      memorySize: 1024,
      timeout: Duration.seconds(10),
      // Off: the handlers carry no X-Ray instrumentation, and active tracing needs xray:Put* on "*".
      tracing: Tracing.DISABLED,
      ...rest,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: serviceName,
        ...environment,
      },
      bundling: { ...LAMBDA_BUNDLING, ...bundling },
    });

    this.executionRole = role;
    logGroup.grants.write(role);

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is deliberate: the repository builds and tests on Node 20/22 (package.json engines, ' +
        'local-stack.md), and Lambda supports nodejs22.x until 2027. Move to nodejs24.x with the toolchain.',
    });
    if (props.tracing === Tracing.ACTIVE) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.',
      });
    }
  }
}

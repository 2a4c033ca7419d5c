/**
 * The parts of an API Gateway HTTP API (payload 2.0) request that our handlers read. The local dev server
 * builds the same shape, so the handlers cannot tell the two apart.
 */
export interface HttpRequest {
  readonly pathParameters?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly requestId?: string;
    /** Set by API Gateway's IAM authorizer once a request's SigV4 signature checks out. */
    readonly authorizer?: { readonly iam?: { readonly userArn?: string; readonly accessKey?: string } };
  };
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

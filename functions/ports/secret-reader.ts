/** Where the poller reads a feed's credentials (Secrets Manager in AWS). */
export interface SecretReader {
  /**
   * The text of a secret, by name or ARN.
   * @throws SecretReadError naming the secret when it is missing, unreadable or not text.
   */
  read(secretId: string): Promise<string>;
}

/** A secret that could not be read, with why (AccessDenied, ResourceNotFound, no text, …). */
export class SecretReadError extends Error {
  constructor(
    readonly secretId: string,
    reason: string,
  ) {
    super(`cannot read the secret "${secretId}": ${reason}`);
    this.name = 'SecretReadError';
  }
}

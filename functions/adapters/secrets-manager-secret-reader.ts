import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretReadError, type SecretReader } from '../ports/secret-reader.ts';

/**
 * Secrets from Secrets Manager, each read once and kept for the life of the instance: built at module scope,
 * that is once per cold start, so a warm poller sends no request for its key. A failed read is not kept, so
 * the next invocation tries again (a secret created after the deploy, a permission fixed).
 */
export class SecretsManagerSecretReader implements SecretReader {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly client: SecretsManagerClient) {}

  read(secretId: string): Promise<string> {
    let secret = this.cache.get(secretId);
    if (secret === undefined) {
      secret = this.fetch(secretId);
      this.cache.set(secretId, secret);
      secret.catch(() => this.cache.delete(secretId));
    }
    return secret;
  }

  private async fetch(secretId: string): Promise<string> {
    let text: string | undefined;
    try {
      text = (await this.client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    } catch (error) {
      const { name, message } = error as Error;
      throw new SecretReadError(secretId, `${name}: ${message}`);
    }
    const value = text?.trim() ?? '';
    if (value === '') throw new SecretReadError(secretId, 'it holds no text (store the key as the plain-text secret string)');
    return value;
  }
}

/** A minimal client of the local API, as a scraper or a forecaster would use it. */
export class LocalApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async send(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json() };
  }

  /** A published object, read through the public route. */
  async readPublic(key: string): Promise<any> {
    const response = await fetch(`${this.baseUrl}/public/${key}`);
    if (!response.ok) throw new Error(`GET /public/${key}: ${response.status}`);
    return response.json();
  }
}

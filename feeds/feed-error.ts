/**
 * A feed that cannot be read as documented: malformed JSON or CSV, a missing or mistyped field, an id that
 * breaks the id rule. `source` names the file or URL, `details` the fields (`races[0].raceID: …`), so the
 * CLI can print them and exit 2.
 */
export class FeedError extends Error {
  constructor(
    readonly source: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(`${source}: ${message}`);
    this.name = 'FeedError';
  }
}

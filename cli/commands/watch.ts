import { newReleases, type KnownRace } from '../../feeds/poll/new-releases.ts';
import { httpIngest } from '../../runtime/feed-poll/http-ingest.ts';
import { postNewReleases, type PostSummary } from '../../runtime/feed-poll/post-releases.ts';
import { pollCommandOptions, pollFromCommandLine, POLL_FLAGS, POLL_OPTIONS_HELP } from '../feed-poll-options.ts';
import { printable } from '../format/printable.ts';
import type { Output } from '../output.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export const WATCH_HELP = `Usage: ballotcast watch ap|clarity URL --api URL [--token TOKEN] [options]

Polls a results feed and posts each new release to the API, as the poller Lambda does in AWS: each
snapshot is converted as ballotcast import converts it, a race is created (PUT) the first time it is seen,
and only releases after the newest stored one are posted. A release already stored answers 200, so
watching the same feed twice changes nothing.
  ap URL        the first request of AP's Elections API; later polls follow each answer's nextrequest
  clarity URL   the election's folder (…/GA/105369/): polls current_ver.txt, and reads the report of each
                new version
  --api URL     the API, e.g. http://127.0.0.1:3000 from npm run dev
  --token TOKEN its bearer token (default: BALLOTCAST_LOCAL_TOKEN, else local-dev-token, as npm run dev)
${POLL_OPTIONS_HELP}`;

const FLAGS = { ...POLL_FLAGS, api: { type: 'string' }, token: { type: 'string' } } as const;

/** `ballotcast watch`: a feed in, new releases posted to the API. */
export async function watchCommand(args: readonly string[], output: Output): Promise<void> {
  const { values, positionals } = parseCommandLine('watch', args, FLAGS);
  const options = pollCommandOptions('watch', positionals, values, WATCH_HELP);
  if (values.api === undefined || !/^https?:\/\/[^/]/.test(values.api)) {
    throw new UsageError(values.api === undefined ? 'watch needs --api URL: the API to post to, e.g. http://127.0.0.1:3000' : `--api ${values.api}: expected an http(s) URL`, [WATCH_HELP]);
  }
  const ingest = httpIngest(values.api, values.token ?? process.env.BALLOTCAST_LOCAL_TOKEN ?? 'local-dev-token');
  const known = new Map<string, KnownRace>();
  const totals = { stored: 0, duplicates: 0 };
  const stopped = await pollFromCommandLine(options, output, async (snapshot, kind) => {
    if (kind === 'seen') {
      output.stdout.write(`${snapshot.fetchedAt}: the same snapshot again; nothing to post\n`);
      return;
    }
    const found = newReleases(options.source.format, [{ source: snapshot.url ?? options.source.url, ...snapshot }], known);
    for (const note of found.notes) output.stderr.write(`note: ${printable(note)}\n`);
    const summary = await postNewReleases(ingest, found, known);
    totals.stored += summary.stored;
    totals.duplicates += summary.duplicates;
    output.stdout.write(`${snapshot.fetchedAt}: ${describe(summary)}\n`);
    for (const refusal of summary.refused) output.stderr.write(`refused: ${printable(refusal)}\n`);
  });
  output.stderr.write(`${stopped}; ${totals.stored} release${totals.stored === 1 ? '' : 's'} stored, ${totals.duplicates} already stored\n`);
}

function describe(summary: PostSummary): string {
  const created = summary.racesCreated.length === 0 ? '' : `created ${summary.racesCreated.join(', ')}; `;
  return printable(`${created}${summary.stored} new release${summary.stored === 1 ? '' : 's'} stored, ${summary.duplicates} already stored`);
}

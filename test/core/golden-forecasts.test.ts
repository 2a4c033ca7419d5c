import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../core/forecast-race.ts';
import { parseCommittedCountFile } from '../fixtures/count-files.ts';

/**
 * SHA-256 of JSON.stringify(forecast) for committed count files without an election, computed with model
 * 3.4.0 (the WebAssembly kernel: its exp, 256-layer ziggurat and units' lanes) at seed "golden" and 2,500
 * draws (three blocks, the last short). Any change to the mathematics that alters a single draw of these
 * races changes a hash: such a change needs a new model version and new hashes, made on purpose.
 */
const GOLDEN: readonly { path: string; releaseIndex: number; sha256: string }[] = [
  { path: 'examples/la-mayor-2022-general.json', releaseIndex: 0, sha256: '11376da0a27ef8a14f363c70b7960c1990fcd2baafb76449087d982c0a5bac7e' },
  { path: 'examples/la-mayor-2022-general.json', releaseIndex: 15, sha256: '2f806d6a729e3dc5f3627ad04475ae111c4b158ca044042a7e975f66a3d6f123' },
  { path: 'examples/la-mayor-2022-general.json', releaseIndex: 26, sha256: '19c770706e4405ded3c56cee85e3a08a0d6b7884eb6871ab453c25a105c437e8' },
  { path: 'examples/la-mayor-2022-primary.json', releaseIndex: 2, sha256: '7ff856dd211eb0f21dbadd65c11fc51b1d51123a49a099b9195b9486e333fbf6' },
  { path: 'examples/contests/la-county-sheriff-2022.json', releaseIndex: 3, sha256: '8f70c9c4b852c7ab6b906e37c443d6bce5f026e78ec1cc616f61985074f1ab0a' },
  { path: 'corpus/ga-2021-runoff/senate-perdue-ossoff.json', releaseIndex: 10, sha256: 'bdcc496faf4a7d1c042c89d521e66ba77a99ca8a87ea8d4dee5c25ee77578073' },
  { path: 'corpus/ga-2021-runoff/psc-district-4.json', releaseIndex: 40, sha256: '28e44ebc8624c7ab8977427139a5c316630e488098b3f478789c46214ed30d3d' },
  { path: 'corpus/ga-2021-runoff-by-type/senate-loeffler-warnock.json', releaseIndex: 20, sha256: 'fbd9484fb53376e7cdafacc69d4dfa6e60066c10c9cae7230fee1aae1e8da24a' },
  { path: 'corpus/ca-2024-primary/state-assembly-district-1.json', releaseIndex: 5, sha256: '49e345515c17c744a2b217dea0f8fb94df9a21b398426bffb6904b7a9fb8faab' },
  { path: 'corpus/ca-2024-primary/state-senate-district-1.json', releaseIndex: 8, sha256: '0034fc2625b2c23c39ed0daec26bd4a685bbd5c6c333b1cca086a60859d71e26' },
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('forecasts of races without an election (golden hashes)', () => {
  it.each(GOLDEN)('$path at release $releaseIndex has the bytes model 3.4.0 gave', ({ path, releaseIndex, sha256: expected }) => {
    const countFile = parseCommittedCountFile(path);
    const forecast = forecastRace({ countFile, releaseIndex, seed: 'golden', draws: 2500 });
    expect(sha256(JSON.stringify(forecast))).toBe(expected);
  });
});

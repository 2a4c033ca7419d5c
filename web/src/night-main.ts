// The night page's entry point (night.html): mounts every race of `?election=` in #ballotcast. As on the
// race page, a `?base=` on an origin the page was not built to allow is refused before anything is fetched.
import { mountNight } from './night/night-page.ts';
import { readNightConfig } from './night/night-config.ts';
import { guardBase } from './origin-guard.ts';

const root = document.getElementById('ballotcast');
if (root === null) throw new Error('the page has no element with id "ballotcast"');
const config = readNightConfig(window.location.href);
if (guardBase(root, config.baseUrl, 'Election night')) mountNight(root, config, window.location.href);

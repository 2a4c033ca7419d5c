// The page's entry point: mounts the forecast in #ballotcast, configured by the query string. A `?base=` on
// an origin the page was not built to allow is refused with a message, before anything is fetched.
import { readConfig } from './config.ts';
import { mountForecast } from './forecast-page.ts';
import { guardBase } from './origin-guard.ts';

const root = document.getElementById('ballotcast');
if (root === null) throw new Error('the page has no element with id "ballotcast"');
const config = readConfig(window.location.href);
if (guardBase(root, config.baseUrl, 'Election forecast')) mountForecast(root, config);

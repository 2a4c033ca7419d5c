// The page's entry point: mounts the forecast in #ballotcast, configured by the query string.
import { readConfig } from './config.ts';
import { mountForecast } from './forecast-page.ts';

const root = document.getElementById('ballotcast');
if (root === null) throw new Error('the page has no element with id "ballotcast"');
mountForecast(root, readConfig(window.location.href));

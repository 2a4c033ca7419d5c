import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), or the binary named by BALLOTCAST_CHROMIUM. */
export const CHROMIUM_PATH = process.env.BALLOTCAST_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags Chromium needs on a closed network and as root (docs of this machine kind): without the
 * background-networking ones it keeps trying to reach Google's hosts. Playwright adds --headless and a new,
 * empty --user-data-dir itself.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium; throws a message that says how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}, and the browser tests need it. Install Debian's chromium ` +
        '(`sudo apt-get install -y chromium`; .ci/run does this), or set BALLOTCAST_CHROMIUM to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'ballotcast.lock';

/**
 * Takes a data directory for one local stack, creating it if needed: two stacks on one directory would
 * run two DynamoDB Locals on one database file. Throws if a live process holds it; a lock left by a
 * process that is gone is taken over. Returns the function that gives the directory up.
 */
export function claimDataDir(directory: string): () => void {
  mkdirSync(directory, { recursive: true });
  const lock = join(directory, LOCK_FILE);
  const holder = lockHolder(lock);
  if (holder !== undefined && isAlive(holder)) {
    throw new Error(`the data directory ${directory} is in use by process ${holder} (another npm run dev?); stop it, or choose another directory`);
  }
  writeFileSync(lock, `${process.pid}\n`);
  return () => {
    if (lockHolder(lock) === process.pid) rmSync(lock, { force: true });
  };
}

function lockHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

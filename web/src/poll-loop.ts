/** A running poll loop: stop() ends it. */
export interface PollLoop {
  stop(): void;
}

/**
 * Runs `poll` now, then again `seconds` after each run ends (so a slow poll never overlaps the next), until
 * stopped. A poll that throws is retried at the next turn; `onError` gets its message, for the page to say.
 */
export function pollEvery(seconds: number, poll: () => Promise<void>, onError: (reason: string) => void): PollLoop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const turn = async (): Promise<void> => {
    try {
      await poll();
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
    if (!stopped) timer = setTimeout(() => void turn(), seconds * 1000);
  };
  void turn();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

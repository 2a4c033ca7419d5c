import { readRecording, type Recording } from '../../cli/read-recording.ts';
import { UsageError } from '../../cli/usage-error.ts';
import type { RecordingFlags } from './replay-flags.ts';

/**
 * The recording of the flags, converted, with the import's notes on stderr; exits 2 with the problem (and
 * `command` before it) when it cannot be read or holds no race with votes counted.
 */
export async function loadRecordingOrExit(flags: RecordingFlags, command: string): Promise<Recording> {
  try {
    const recording = await readRecording(flags.dir, flags.format);
    for (const note of recording.notes) console.error(`${command}: note: ${note}`);
    if (recording.countFiles.length === 0) throw new UsageError(`${flags.dir}: no race in the recording had any votes counted`);
    return recording;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${command}: ${[error.message, ...error.details.map((line) => `  ${line}`)].join('\n')}`);
    process.exit(2);
  }
}

/** The flags parsed by `parse`, or exit 2 with its message after `command`. */
export function flagsOrExit<Flags>(parse: () => Flags, command: string): Flags {
  try {
    return parse();
  } catch (error) {
    console.error(`${command}: ${(error as Error).message}`);
    process.exit(2);
  }
}

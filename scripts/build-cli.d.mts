import type { BuildOptions, Metafile } from 'esbuild';

/** dist/, where the CLI bundle is written. */
export declare const DIST_DIR: string;
/** The esbuild options of the CLI bundle. */
export declare const CLI_BUILD_OPTIONS: BuildOptions;
/** Builds dist/ballotcast.mjs and dist/simulate-worker.mjs; returns esbuild's metafile. */
export declare function buildCli(): Promise<Metafile>;

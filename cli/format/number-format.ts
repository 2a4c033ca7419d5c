// The formatters moved to core/summaries/number-format.ts, which the CLI and both web pages share. This
// re-export keeps the race page's imports working until its files move to the core path.
export * from '../../core/summaries/number-format.ts';

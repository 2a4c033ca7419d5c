/**
 * The value of `--name VALUE` or `--name=VALUE` among the arguments: undefined when the flag is absent, ''
 * when it is given without a value (at the end, or followed by another flag).
 */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.findIndex((argument) => argument === `--${name}` || argument.startsWith(`--${name}=`));
  if (at === -1) return undefined;
  if (argv[at].startsWith(`--${name}=`)) return argv[at].slice(`--${name}=`.length);
  const next = argv[at + 1];
  return next === undefined || next.startsWith('--') ? '' : next;
}

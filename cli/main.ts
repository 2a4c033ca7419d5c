import { runCli } from './run-cli.ts';

// The AWS SDK (used only by `rerun s3://…`) prints seven lines on Node 20 about a Node version it will
// require in future releases: noise on an analyst's terminal, about a pinned dependency, not about their
// command. Set before any SDK client exists; an explicit setting in the environment still wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`| head`) closes the pipe: the output it wanted is out, so stop quietly, as
// Unix tools do, instead of printing Node's unhandled EPIPE stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

#!/usr/bin/env node
// The `assay` command. Each sub-command lives in ./commands/<name>.ts and exports `run(argv)`
// returning the process exit code; they are imported lazily so `assay score` stays fast.
import { CliError } from './cli-error';

// Node 20 is a supported local runtime (Lambda runs 22); keep the AWS SDK's notice out of CLI output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: 'start the local stack', load: () => import('./commands/start') },
  score: {
    summary: 'score an answer sheet offline (FILE or - for stdin)',
    load: () => import('./commands/score'),
  },
  tenant: { summary: 'tenant create|list', load: () => import('./commands/tenant') },
  key: { summary: 'key create|revoke', load: () => import('./commands/key') },
  bench: { summary: 'bench scoring|… (benchmarks)', load: () => import('./commands/bench') },
  demo: {
    summary: 'a whole hiring round on the local stack',
    load: () => import('./commands/demo'),
  },
  dlq: { summary: "dlq list (the local bus's dead letters)", load: () => import('./commands/dlq') },
};

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['usage: assay <command> [args]', '', ...rows].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`assay: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Expected failures are one line; anything else is a bug and keeps its stack on stderr only.
    if (err instanceof CliError) {
      process.stderr.write(`assay: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(
        `assay: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      if (process.env.ASSAY_DEBUG) console.error(err);
      process.exitCode = 1;
    }
  },
);

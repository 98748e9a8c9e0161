/** `herald dev`: the development stack (dev server + UI, sandbox providers, codec server, worker, schedules, HTTP API). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

const DEMO = fileURLToPath(new URL('../../scripts/demo.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function devCommand(): Command {
  return new Command('dev')
    .description('run the whole stack locally, without a scenario, until Ctrl+C (ports: HERALD_DEMO_*_PORT)')
    .addHelpText('after', '\nExample:\n  $ herald dev\n  $ HERALD_DEMO_API_PORT=9090 herald dev')
    .action(async () => {
      // The stack runs with the project's Node and tsx, in its own process, with this environment.
      const child = spawn(process.execPath, ['--import', 'tsx', DEMO, '--stack-only'], { cwd: ROOT, stdio: 'inherit' });
      // Ctrl+C reaches the child through the terminal: stay alive while it shuts down. SIGTERM is passed on.
      const keepAlive = () => undefined;
      const forward = () => child.kill('SIGTERM');
      process.on('SIGINT', keepAlive);
      process.on('SIGTERM', forward);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      process.off('SIGINT', keepAlive);
      process.off('SIGTERM', forward);
      if (code !== 0) throw new Error(`the dev stack exited with ${String(code)}`);
    });
}

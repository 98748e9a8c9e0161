/**
 * `herald`: the operators' command line (a process entry point, like the worker). Maps every
 * outcome to a documented exit code.
 */
import { CommanderError } from 'commander';
import { parseCliConfig } from '../../workers/config.ts';
import { createContext, processOutput } from './context.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { heraldProgram } from './program.ts';

async function main(argv: string[]): Promise<number> {
  let config;
  try {
    config = parseCliConfig(process.env);
  } catch (err) {
    processOutput.warn((err as Error).message);
    return EXIT.usage;
  }
  const ctx = createContext(config, processOutput, process.env);
  try {
    await heraldProgram(ctx).parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    // Commander has already printed its own usage errors and help.
    if (!(err instanceof CommanderError)) processOutput.warn(`herald: ${(err as Error).message}`);
    return exitCodeFor(err);
  } finally {
    await ctx.close();
  }
}

process.exitCode = await main(process.argv);

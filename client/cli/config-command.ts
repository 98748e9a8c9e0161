/**
 * `herald config`: what this environment configures — where the CLI reaches Temporal and the
 * store, and the organisation's standing regulatory facts the worker reads
 * (HERALD_ORGANISATION_PROFILE_FILE), which decide the sector regimes' clocks. `--worker` also
 * checks the whole worker configuration, as a worker started here would (exit 2 naming every bad or
 * missing variable), without starting one.
 */
import { Command } from 'commander';
import { redactDatabaseUrl } from '../../activities/store/postgres-driver.ts';
import { parseConfig } from '../../workers/config.ts';
import { loadOrganisationProfile } from '../../workers/load-directory.ts';
import { profileLines } from '../../workflows/domain/organisation-profile.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';

export function configCommand(ctx: CliContext): Command {
  return new Command('config')
    .description("this environment's Temporal, store and organisation profile; --worker checks a worker's settings")
    .option('--worker', 'also check the whole worker configuration (providers, files), as a worker would at start')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ herald config\n  $ herald config --worker --json')
    .action(async (o: { worker?: boolean; json?: boolean }) => {
      const { config } = ctx;
      const profileFile = config.HERALD_ORGANISATION_PROFILE_FILE;
      let profile;
      try {
        profile = await loadOrganisationProfile(profileFile);
      } catch (err) {
        throw new CommandExit(EXIT.usage, (err as Error).message);
      }
      if (o.worker) {
        try {
          parseConfig(ctx.env);
        } catch (err) {
          throw new CommandExit(EXIT.usage, `a worker would not start here: ${(err as Error).message}`);
        }
      }
      const store = config.DATABASE_URL
        ? `PostgreSQL ${redactDatabaseUrl(config.DATABASE_URL)} (DATABASE_URL)`
        : `embedded in ${config.HERALD_DATA_DIR} (HERALD_DATA_DIR)`;
      const summary = {
        temporal: {
          address: config.TEMPORAL_ADDRESS,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.HERALD_TASK_QUEUE,
        },
        store,
        organisationProfile: { file: profileFile, ...profile },
        ...(o.worker ? { worker: 'configuration valid' } : {}),
      };
      if (o.json) {
        ctx.out.json(summary);
        return;
      }
      ctx.out.line(
        `Temporal: ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.HERALD_TASK_QUEUE}`,
      );
      ctx.out.line(`Store: ${store}`);
      ctx.out.line(`Organisation profile: ${profileFile}`);
      for (const line of profileLines(profile)) ctx.out.line(`  ${line}`);
      ctx.out.line('  Public holidays: computed US federal days; Brazil and Vermont from the date-holidays dataset');
      if (o.worker) ctx.out.line('Worker configuration: valid (a worker started here would accept it)');
    });
}

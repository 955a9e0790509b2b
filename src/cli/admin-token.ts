import 'reflect-metadata';
import { issueToken } from '../accounts/accounts.service';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiTokenRepository } from '../accounts/api-token.repository';
import { Role } from '../common/role';
import { CliCommand, runCli } from './cli-support';

const USAGE = 'usage: npm run admin:token -- --name "<who uses the token>"';

/** The token name from `--name <name>` or `--name=<name>`; an error text for anything else. */
export function parseArgs(args: string[]): { name: string } | { error: string } {
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--name') {
      name = args[i + 1];
      i += 1;
    } else if (arg.startsWith('--name=')) {
      name = arg.slice('--name='.length);
    } else {
      return { error: `unknown argument ${JSON.stringify(arg)}\n${USAGE}` };
    }
  }
  const trimmed = name?.trim();
  if (!trimmed) {
    return { error: `--name is required and must not be blank\n${USAGE}` };
  }
  if (trimmed.length > 100) {
    return { error: '--name must be at most 100 characters' };
  }
  return { name: trimmed };
}

/** Creates an ADMIN token named `name` and prints it, once. */
export function adminTokenCommand(name: string): CliCommand {
  return {
    name: 'admin:token',
    imports: () => [AccountsModule],
    task: async (context, _config, log) => {
      const issued = await issueToken(context.get(ApiTokenRepository), {
        name,
        role: Role.ADMIN,
        organisationId: null,
      });
      if (!issued) {
        throw new Error('the token could not be stored');
      }
      log(`admin:token: created ADMIN token "${issued.apiToken.name}" (id ${issued.apiToken.id}).`);
      log('admin:token: store it now, it is shown only once and cannot be recovered:');
      log(issued.token);
    },
  };
}

/** `npm run admin:token -- --name "..."`: creates an ADMIN token and prints it, once. */
function main(): void {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(`henvis admin:token: ${parsed.error}`);
    process.exit(2);
  }
  void runCli(adminTokenCommand(parsed.name));
}

if (require.main === module) {
  main();
}

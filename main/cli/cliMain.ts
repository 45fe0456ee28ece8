// `orchard` — the headless CLI over the same services as the app: sync, status, query, rebuild,
// verify. Exit codes: cliExit.ts.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { createAscClient, createTokenProvider } from '../asc';
import { createLogger } from '../logging/logger';
import { redactSecrets } from '../logging/redact';
import { defaultDataDir } from '../platform/defaultDataDir';
import { resolveAscBaseUrl } from '../session/ascBaseUrl';
import { createConfSettingsStore } from '../settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../settings/orchardSettings';
import { checkStatus } from '../sync/statusCheck';
import { toOrchardError } from '../warehouse/errors';
import { USAGE, UsageError, parseCli, type CliCommand } from './cliArgs';
import { prepareWritableDir, requireExistingData } from './cliDataDir';
import { localStatusCommand, queryCommand, rebuildCommand, verifyCommand } from './cliCommands';
import { resolveCliKey } from './cliKey';
import { lakeQueryCommand, publishCommand } from './cliLake';
import { exitCodeFor } from './cliExit';
import { statusText } from './cliOutput';
import { ReaderGone, drained, quietOnBrokenPipe } from './cliStdout';
import { syncCommand } from './cliSync';
import { salesStatusCommand, salesSyncCommand } from './cliSales';

async function run(cmd: Exclude<CliCommand, { name: 'help' }>): Promise<number> {
  const dataDir = cmd.dataDir ? path.resolve(cmd.dataDir) : defaultDataDir();
  const logger = createLogger({ minLevel: 'warn' });
  const deps = { dataDir, logger };
  switch (cmd.name) {
    case 'query':
      if (cmd.lake !== undefined) return lakeQueryCommand(cmd.lake, cmd.sql, cmd.format, deps);
      await requireExistingData(dataDir, 'warehouse');
      return queryCommand(cmd.sql, cmd.format, deps);
    case 'verify':
      await requireExistingData(dataDir, cmd.warehouse ? 'warehouse' : 'cache');
      return verifyCommand(cmd.warehouse, deps);
    case 'publish':
      await requireExistingData(dataDir, 'warehouse');
      return publishCommand(cmd.lake, deps);
    case 'rebuild':
      await prepareWritableDir(dataDir);
      return rebuildCommand(deps);
    case 'status':
      await requireExistingData(dataDir, 'warehouse');
      if (cmd.sales) return salesStatusCommand(deps);
      {
        const local = await localStatusCommand(cmd.appId, deps);
        if (cmd.appId === undefined || local !== 0) return local;
      }
      break;
    case 'sync':
      await prepareWritableDir(dataDir);
      break;
  }

  const settings = createConfSettingsStore<OrchardSettings>({ dir: dataDir, defaults: DEFAULT_SETTINGS });
  const creds = await resolveCliKey(cmd.key, settings);
  const client = createAscClient({
    baseUrl: resolveAscBaseUrl(process.env, cmd.baseUrl),
    fetch: globalThis.fetch,
    tokenProvider: createTokenProvider({ keyId: creds.keyId, issuerId: creds.issuerId, individual: creds.individual, privateKeyPem: creds.privateKeyPem }),
  });
  if (cmd.name === 'status') {
    process.stdout.write('\nApple:\n' + statusText(await checkStatus({ api: client, appId: cmd.appId!, today: new Date() })) + '\n');
    return 0;
  }
  const analytics = cmd.appIds.length > 0 || cmd.allApps ? await syncCommand(cmd, { dataDir, client, settings, logger }) : 0;
  if (!cmd.sales || analytics >= 130) return analytics;
  const money = await salesSyncCommand({ client, settings, issuerId: creds.individual ? undefined : creds.issuerId, finance: cmd.finance, ...(cmd.vendor ? { vendor: cmd.vendor } : {}) }, deps);
  return Math.max(analytics, money);
}

async function main(argv: string[]): Promise<number> {
  // `orchard query … | head`: the reader leaving is the end of the output, not an error.
  quietOnBrokenPipe(process.stdout, () => process.exit(0));
  let cmd: CliCommand;
  try {
    cmd = parseCli(argv);
  } catch (error) {
    process.stderr.write(`orchard: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (cmd.name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    return await run(cmd);
  } catch (error) {
    if (error instanceof ReaderGone) return 0;
    if (error instanceof UsageError) return (process.stderr.write(`orchard: ${redactSecrets(error.message)}\n`), 2);
    // A full disk or an interrupt from DuckDB is named as such, not shown as a raw engine message.
    const e = toOrchardError(error, (message) => new OrchardError('INTERNAL', message));
    process.stderr.write(`orchard: ${redactSecrets(e.message)}\n`);
    return exitCodeFor(e);
  }
}

main(process.argv.slice(2))
  .then(async (code) => {
    await drained(process.stdout);
    await drained(process.stderr);
    return code;
  })
  .then((code) => process.exit(code));

// A Platform for plain Node hosts (browser mode, CLI, tests): conf for settings, Node's fetch.
import { mkdirSync } from 'node:fs';
import type { HostMode } from '../../shared/app';
import { createLogger, type Logger } from '../logging/logger';
import { createConfSettingsStore } from '../settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../settings/orchardSettings';
import type { Platform } from './platform';
import { createKeychainSecretStore, type SecretStore } from '../credentials';

export interface NodePlatformOptions {
  dataDir: string;
  mode?: HostMode;
  demo?: boolean;
  appVersion?: string;
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
  secretStore?: SecretStore;
  env?: NodeJS.ProcessEnv;
}

export function createNodePlatform(opts: NodePlatformOptions): Platform {
  mkdirSync(opts.dataDir, { recursive: true });
  return {
    mode: opts.mode ?? 'browser',
    appVersion: opts.appVersion ?? process.env.npm_package_version ?? '0.0.0',
    dataDir: opts.dataDir,
    settings: createConfSettingsStore<OrchardSettings>({ dir: opts.dataDir, defaults: DEFAULT_SETTINGS }),
    fetch: opts.fetch ?? globalThis.fetch,
    logger: opts.logger ?? createLogger(),
    demo: opts.demo ?? false,
    now: opts.now ?? (() => new Date()),
    secretStore: opts.secretStore ?? createKeychainSecretStore(),
    env: opts.env ?? process.env,
  };
}

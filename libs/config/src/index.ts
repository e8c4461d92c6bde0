export { CONFIG_VARIABLES } from './config-schema';
export type { FaroConfig } from './config-schema';
export { ConfigError, loadConfig, loadConfigOrExit, redactConfig } from './load-config';

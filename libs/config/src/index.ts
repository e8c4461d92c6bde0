export { CONFIG_VARIABLES } from './config-schema';
export type { FaroConfig } from './config-schema';
export { ConfigError, loadConfig, loadConfigOrExit, redactConfig } from './load-config';
export { PLATFORM_SETTINGS_FILE, withPlatformSettings, writePlatformSettings } from './platform-settings-file';
export type { PlatformSettings } from './platform-settings-file';
export { LOG_REDACT_PATHS } from './log-redaction';
export { satelliteSkySettings } from './satellite-sky-settings';

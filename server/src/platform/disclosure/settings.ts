import type { Config } from '../../config.ts';
import type { DisclosureSettings } from './disclosure-control.ts';

/** The installation's disclosure-control settings (`SUPPRESSION_THRESHOLD`, `SUPPRESSION_DISPLAY`). */
export function disclosureSettings(config: Pick<Config, 'suppressionThreshold' | 'suppressionDisplay'>): DisclosureSettings {
  return { threshold: config.suppressionThreshold, display: config.suppressionDisplay };
}

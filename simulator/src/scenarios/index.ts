import { demoScenario } from './demo.scenario.js';
import { moderationScenario } from './moderation.scenario.js';
import type { Scenario } from './scenario.js';

export { demoScenario } from './demo.scenario.js';
export {
  type ModerationScenarioRun,
  type ModerationTruth,
  moderationScenario,
} from './moderation.scenario.js';
export {
  type RunningScenario,
  type Scenario,
  type ScenarioOptions,
  SetupClock,
  setupTimeForSeed,
  Timeline,
} from './scenario.js';

/** Scenarios by name (the CLI's `--scenario`). */
export const scenarios: Readonly<Record<string, Scenario>> = {
  demo: demoScenario,
  moderation: moderationScenario,
};

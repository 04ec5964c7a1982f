import type { Api } from '../api/api.svelte.js';
import type { ApiProblem } from '../api/api-problem.js';
import {
  DISABLE_MODULE,
  ENABLE_MODULE,
  type ModuleConfiguration,
  UPDATE_MODULE,
} from '../graphql/modules.js';
import { planModuleSave } from './module-save.js';

export type SaveOutcome =
  | { ok: true; module: ModuleConfiguration | null; version: number }
  | { ok: false; problem: ApiProblem; version: number };

/**
 * Saves a module form: the planned mutations in order, each with the version the previous one returned
 * (the guild's modules share one version). Stops at the first error (validation or conflict).
 */
export async function saveModule(
  api: Api,
  guildId: string,
  current: ModuleConfiguration,
  version: number,
  desired: { enabled: boolean; config: unknown },
): Promise<SaveOutcome> {
  let expectedVersion = version;
  let module: ModuleConfiguration | null = null;
  for (const step of planModuleSave(current, desired)) {
    const base = { guildId, module: current.module, expectedVersion };
    let outcome: { ok: true; data: ModuleConfiguration } | { ok: false; problem: ApiProblem };
    switch (step.kind) {
      case 'enable': {
        const r = await api.mutate(ENABLE_MODULE, { ...base, config: step.config });
        outcome = r.ok ? { ok: true, data: r.data.enableModule } : r;
        break;
      }
      case 'update': {
        const r = await api.mutate(UPDATE_MODULE, { ...base, config: step.config });
        outcome = r.ok ? { ok: true, data: r.data.updateModuleConfig } : r;
        break;
      }
      case 'disable': {
        const r = await api.mutate(DISABLE_MODULE, base);
        outcome = r.ok ? { ok: true, data: r.data.disableModule } : r;
        break;
      }
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
    if (!outcome.ok) return { ok: false, problem: outcome.problem, version: expectedVersion };
    module = outcome.data;
    expectedVersion = outcome.data.version;
  }
  return { ok: true, module, version: expectedVersion };
}

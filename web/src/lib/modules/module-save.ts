/** Planning a module form's save as the API's mutations, each taking the version the previous returned. */

export interface ModuleState {
  readonly enabled: boolean;
  readonly config: unknown;
}

export type ModuleSaveStep =
  | { readonly kind: 'enable'; readonly config: unknown }
  | { readonly kind: 'update'; readonly config: unknown }
  | { readonly kind: 'disable' };

/** JSON with sorted keys, so two equal configs compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * Enabling sends the config with the enable (one event, validated by the API); a config edit on an enabled
 * module is an update; disabling saves an edited config first, then disables. Nothing changed: no step.
 */
export function planModuleSave(current: ModuleState, desired: ModuleState): ModuleSaveStep[] {
  const configChanged = stableJson(current.config ?? null) !== stableJson(desired.config ?? null);
  if (desired.enabled) {
    if (!current.enabled) return [{ kind: 'enable', config: desired.config }];
    return configChanged ? [{ kind: 'update', config: desired.config }] : [];
  }
  const steps: ModuleSaveStep[] = [];
  if (configChanged && desired.config != null) steps.push({ kind: 'update', config: desired.config });
  if (current.enabled) steps.push({ kind: 'disable' });
  return steps;
}

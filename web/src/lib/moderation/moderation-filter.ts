/** The moderation log's filters: the form, the API variables, and matching live entries against them. */

import { ModerationAction } from '../graphql/generated/graphql.js';

/** Every action, in the schema's order (the filter's choices). */
export const MODERATION_ACTIONS: readonly ModerationAction[] = Object.values(ModerationAction);
export type { ModerationAction };

/** What the filter form holds (strings straight from inputs; `from`/`to` are datetime-local values). */
export interface ModerationFilterForm {
  action: ModerationAction | '';
  moderatorId: string;
  targetId: string;
  from: string;
  to: string;
}

export const emptyModerationFilter = (): ModerationFilterForm => ({
  action: '',
  moderatorId: '',
  targetId: '',
  from: '',
  to: '',
});

/** The API's ModerationFilter: only the filters that are set. */
export interface ModerationFilterInput {
  actions?: ModerationAction[];
  moderatorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toModerationFilterInput(form: ModerationFilterForm): ModerationFilterInput {
  const input: ModerationFilterInput = {};
  if (form.action) input.actions = [form.action];
  if (form.moderatorId.trim()) input.moderatorId = form.moderatorId.trim();
  if (form.targetId.trim()) input.targetId = form.targetId.trim();
  const from = isoOf(form.from);
  const to = isoOf(form.to);
  if (from) input.from = from;
  if (to) input.to = to;
  return input;
}

export interface ModerationEntryLike {
  readonly id: string;
  readonly action: string;
  readonly occurredAt: string;
  readonly target?: { readonly id: string } | null;
  readonly moderator?: { readonly id: string } | null;
}

/** Whether a live entry belongs on screen under these filters (the subscription filters actions only). */
export function matchesModerationFilter(entry: ModerationEntryLike, filter: ModerationFilterInput): boolean {
  if (filter.actions && !filter.actions.includes(entry.action as ModerationAction)) return false;
  if (filter.moderatorId && entry.moderator?.id !== filter.moderatorId) return false;
  if (filter.targetId && entry.target?.id !== filter.targetId) return false;
  const at = new Date(entry.occurredAt).getTime();
  if (filter.from && at < new Date(filter.from).getTime()) return false;
  if (filter.to && at >= new Date(filter.to).getTime()) return false;
  return true;
}

/** Puts live entries on top, newest first, without duplicating one the page already shows. */
export function prependEntries<T extends ModerationEntryLike>(
  existing: readonly T[],
  incoming: readonly T[],
): T[] {
  const known = new Set(existing.map((e) => e.id));
  const fresh: T[] = [];
  for (const entry of incoming) {
    if (known.has(entry.id)) continue;
    known.add(entry.id);
    fresh.push(entry);
  }
  fresh.sort((a, b) => new Date(b.occurredAt).getTime() - new Date(a.occurredAt).getTime());
  return [...fresh, ...existing];
}

/**
 * Applies a live update to the rows on screen: an entry absorbed by a later one (`supersededBy`, e.g. the
 * member removal that came with a ban) disappears; any other update replaces the row in place (a leave
 * that an audit-log entry turned into a kick, a delete that gained its moderator).
 */
export function applyEntryUpdate<T extends ModerationEntryLike & { readonly supersededBy?: string | null }>(
  existing: readonly T[],
  updated: T,
): T[] {
  if (updated.supersededBy) return existing.filter((e) => e.id !== updated.id);
  return existing.map((e) => (e.id === updated.id ? updated : e));
}

/** Appends the next page, skipping entries already shown (a live entry may also come in a page). */
export function appendPage<T extends ModerationEntryLike>(existing: readonly T[], page: readonly T[]): T[] {
  const known = new Set(existing.map((e) => e.id));
  return [...existing, ...page.filter((e) => !known.has(e.id))];
}

import type { ParseResult, ValidationIssue } from '../validation.js';
import { type EventType, eventTypeSchema, isEventType } from './event-type.js';

/** At most this many close matches are suggested for a mistyped event type. */
const MAX_SUGGESTIONS = 5;

function unknownTypeMessage(type: string): string {
  const upper = type.toUpperCase();
  const close = eventTypeSchema.options.filter((t) => t.includes(upper));
  const hint =
    close.length > 0 && close.length <= MAX_SUGGESTIONS ? ` (did you mean ${close.join(' or ')}?)` : '';
  return `unknown event type "${type}"${hint}; the catalogue has ${eventTypeSchema.options.join(', ')}`;
}

/**
 * A list of event types to filter a stream by (the replay CLI's `--type`, the API's `events(types:)`): every
 * entry must be a type of the catalogue, spelled exactly; duplicates are dropped, order kept. An unknown
 * type is an issue naming it, with close matches and the whole catalogue, so a typo never filters
 * everything out silently. Issue paths are the list indexes (`[2]`).
 */
export function parseEventTypeFilter(values: readonly string[]): ParseResult<EventType[]> {
  const types: EventType[] = [];
  const errors: ValidationIssue[] = [];
  values.forEach((type, i) => {
    if (type === '') errors.push({ path: `[${i}]`, message: 'empty event type in the list' });
    else if (!isEventType(type)) errors.push({ path: `[${i}]`, message: unknownTypeMessage(type) });
    else if (!types.includes(type)) types.push(type);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: types };
}

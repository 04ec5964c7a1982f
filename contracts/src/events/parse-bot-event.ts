import { inspectJson } from '../json-guard.js';
import { MAX_BATCH_BYTES, MAX_BATCH_LENGTH, MAX_EVENT_BYTES } from '../limits.js';
import { formatIssues, safeParseWith, type ValidationIssue } from '../validation.js';
import { type BotEvent, botEventSchemas } from './bot-event.schema.js';
import { acceptedEventTypes, eventCatalogue, isAcceptedEventType, isEventType } from './event-type.js';

/** Result of {@link parseBotEvent}. */
export type BotEventParseResult = { ok: true; event: BotEvent } | { ok: false; errors: ValidationIssue[] };

/** An event of a batch that was refused, with its issues and a one-line reason for acks and logs. */
export interface RejectedBotEvent {
  index: number;
  errors: ValidationIssue[];
  reason: string;
}

/**
 * Result of {@link parseBotEventBatch}: either the batch is refused whole (not an array, over a
 * limit), or every index has its own result, also split into `accepted` and `rejected`.
 */
export type BotEventBatchParseResult =
  | {
      ok: true;
      results: BotEventParseResult[];
      accepted: Array<{ index: number; event: BotEvent }>;
      rejected: RejectedBotEvent[];
    }
  | { ok: false; errors: ValidationIssue[] };

const fail = (path: string, message: string): { ok: false; errors: ValidationIssue[] } => ({
  ok: false,
  errors: [{ path, message }],
});

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'object' && (ArrayBuffer.isView(input) || input instanceof ArrayBuffer))
    return 'binary data';
  return typeof input;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

/** Validates an input already known to be JSON of acceptable size. */
function parseInspected(input: unknown): BotEventParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('', `expected an event object, got ${kindOf(input)}`);
  }
  const type = (input as { type?: unknown }).type;
  if (type === undefined) return fail('type', 'required');
  if (typeof type !== 'string') return fail('type', `expected an event type string, got ${kindOf(type)}`);
  if (!isAcceptedEventType(type)) {
    if (isEventType(type)) {
      return fail(
        'type',
        `event type ${quote(type)} is catalogued but not accepted: ${eventCatalogue[type].note ?? 'not in Phase 1'}`,
      );
    }
    return fail(
      'type',
      `unknown event type ${quote(type)}; accepted types: ${acceptedEventTypes.join(', ')}`,
    );
  }
  const result = safeParseWith(botEventSchemas[type], input);
  return result.ok ? { ok: true, event: result.value as BotEvent } : result;
}

/**
 * Validates one bot event from untrusted input (what a bot sent). Returns the typed event, or every
 * reason to refuse it with the path of the offending field: `guildId`, `data.targetUserId`,
 * `data.metrics.messages.byChannel["ch1"]`... Checks, in order: JSON-only data (no Buffers, no class
 * instances), at most {@link MAX_EVENT_BYTES} and nesting depth, a known and accepted `type`, then the
 * type's schema. Never throws.
 */
export function parseBotEvent(input: unknown): BotEventParseResult {
  const inspection = inspectJson(input, { maxBytes: MAX_EVENT_BYTES });
  if (!inspection.ok) {
    return inspection.reason === 'too-large'
      ? fail('', `event larger than the limit of ${MAX_EVENT_BYTES} bytes of JSON`)
      : { ok: false, errors: [inspection.issue] };
  }
  return parseInspected(input);
}

/**
 * Validates a `to-backend` batch (`BotEventDto[]`). A batch that is not an array, has more than
 * {@link MAX_BATCH_LENGTH} events or more than {@link MAX_BATCH_BYTES} bytes of JSON is refused whole
 * (the message quotes the limit); otherwise each index gets its own result. Pass `byteLength` when the
 * transport knows the raw size. Never throws.
 */
export function parseBotEventBatch(
  input: unknown,
  options: { byteLength?: number } = {},
): BotEventBatchParseResult {
  if (!Array.isArray(input)) {
    return fail('', `expected an array of events (BotEventDto[]), got ${kindOf(input)}`);
  }
  if (input.length > MAX_BATCH_LENGTH) {
    return fail('', `batch of ${input.length} events exceeds the limit of ${MAX_BATCH_LENGTH} events`);
  }
  const tooLarge = () => fail('', `batch exceeds the limit of ${MAX_BATCH_BYTES} bytes of JSON`);
  if (options.byteLength !== undefined && options.byteLength > MAX_BATCH_BYTES) return tooLarge();

  const results: BotEventParseResult[] = [];
  let total = 2 + Math.max(0, input.length - 1); // brackets and commas
  for (const item of input as unknown[]) {
    // Walk no further than the batch's remaining budget: a 100 MB event costs at most ~1 MiB of work
    // and refuses the batch, whose true size is over the limit.
    const inspection = inspectJson(item, { maxBytes: MAX_BATCH_BYTES - total });
    if (!inspection.ok) {
      if (inspection.reason === 'too-large') return tooLarge();
      results.push({ ok: false, errors: [inspection.issue] });
      continue;
    }
    total += inspection.bytes;
    results.push(
      inspection.bytes > MAX_EVENT_BYTES
        ? fail('', `event larger than the limit of ${MAX_EVENT_BYTES} bytes of JSON`)
        : parseInspected(item),
    );
  }

  const accepted: Array<{ index: number; event: BotEvent }> = [];
  const rejected: RejectedBotEvent[] = [];
  for (const [index, result] of results.entries()) {
    if (result.ok) accepted.push({ index, event: result.event });
    else {
      rejected.push({
        index,
        errors: result.errors,
        reason: formatIssues(result.errors),
      });
    }
  }
  return { ok: true, results, accepted, rejected };
}

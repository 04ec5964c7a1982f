/** An API failure as the dashboard shows it: the GraphQL error code, a message, and per-field messages. */
export interface ApiProblem {
  /** `extensions.code` (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, CONFLICT, ...) or NETWORK_ERROR. */
  readonly code: string;
  readonly message: string;
  /** BAD_USER_INPUT: argument path (e.g. `config.channelId`) -> message. */
  readonly fields: Readonly<Record<string, string>>;
  /** CONFLICT: the version the server has now. */
  readonly currentVersion: number | null;
}

interface GraphqlErrorLike {
  message?: unknown;
  extensions?: Record<string, unknown> | null;
}

function graphqlErrorsOf(error: unknown): GraphqlErrorLike[] | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as { errors?: unknown; bodyText?: unknown; result?: unknown };
  // Apollo Client 4: CombinedGraphQLErrors carries `errors`.
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors as GraphqlErrorLike[];
  // ServerError (non-2xx, e.g. 401/400): the GraphQL body is in `bodyText`.
  if (typeof e.bodyText === 'string') {
    try {
      const body = JSON.parse(e.bodyText) as { errors?: unknown };
      if (Array.isArray(body.errors) && body.errors.length > 0) return body.errors as GraphqlErrorLike[];
    } catch {
      // not JSON: handled as a plain server error below
    }
  }
  return null;
}

function stringFields(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(value as Record<string, unknown>)) out[key] = String(message);
  return out;
}

/** Turns whatever a query, mutation or subscription failed with into an ApiProblem. */
export function toApiProblem(error: unknown): ApiProblem {
  const errors = graphqlErrorsOf(error);
  if (errors) {
    const first = errors[0] as GraphqlErrorLike;
    const ext = first.extensions ?? {};
    const fields: Record<string, string> = {};
    for (const e of errors) Object.assign(fields, stringFields(e.extensions?.fields));
    return {
      code: typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR',
      message: typeof first.message === 'string' ? first.message : 'The API answered with an error',
      fields,
      currentVersion: typeof ext.currentVersion === 'number' ? ext.currentVersion : null,
    };
  }
  const e = (error ?? {}) as { statusCode?: unknown; message?: unknown; code?: unknown; reason?: unknown };
  if (e.statusCode === 401 || e.code === 4401) {
    return {
      code: 'UNAUTHENTICATED',
      message: 'The API token was refused',
      fields: {},
      currentVersion: null,
    };
  }
  const message =
    typeof e.message === 'string' && e.message
      ? e.message
      : typeof e.reason === 'string' && e.reason
        ? e.reason
        : 'Could not reach the API';
  return { code: 'NETWORK_ERROR', message, fields: {}, currentVersion: null };
}

/** Field messages under a prefix, keyed by the rest of the path: `config.channelId` -> `channelId`. */
export function fieldsUnder(
  fields: Readonly<Record<string, string>>,
  prefix: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    if (key === prefix) out[''] = message;
    else if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = message;
    else if (key.startsWith(`${prefix}[`)) out[key.slice(prefix.length)] = message;
  }
  return out;
}

/** A sentence for the user: what went wrong and, when there is one, what to do. */
export function describeProblem(problem: ApiProblem): string {
  switch (problem.code) {
    case 'UNAUTHENTICATED':
      return 'Your API token is missing, unknown or revoked. Sign in again.';
    case 'FORBIDDEN':
      return 'Your token does not allow this (wrong role, or a guild outside its scope).';
    case 'CONFLICT':
      return 'Someone else changed this since you loaded it — reload to see their changes, then try again.';
    case 'NETWORK_ERROR':
      return `Could not reach the API: ${problem.message}`;
    default:
      return problem.message;
  }
}

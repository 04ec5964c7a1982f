import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { getContext, setContext } from 'svelte';
import type { Role } from '../graphql/generated/graphql.js';
import { VIEWER, type Viewer } from '../graphql/viewer.js';
import { type ApiClient, createApiClient, type LiveStatus } from './api-client.js';
import { type ApiProblem, toApiProblem } from './api-problem.js';
import type { Endpoint } from './endpoint.js';

export const TOKEN_KEY = 'guildscope.token';

export type Outcome<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

/**
 * The dashboard's session with the API (one per page load, shared through Svelte context): the token
 * (kept in localStorage), who it is (`viewer`), the Apollo client built for it, and the live status of
 * the subscription socket. A refused token anywhere signs the user out.
 */
export class Api {
  token = $state<string | null>(null);
  viewer = $state<Viewer | null>(null);
  liveStatus = $state<LiveStatus>('idle');
  /** Why the user was signed out, shown on the sign-in page. */
  signOutReason = $state<string | null>(null);
  #client: ApiClient | null = null;

  constructor(
    readonly endpoint: Endpoint,
    private readonly storage: Storage | null,
  ) {
    this.token = storage?.getItem(TOKEN_KEY) ?? null;
  }

  get role(): Role | null {
    return this.viewer?.role ?? null;
  }

  get canMutate(): boolean {
    return this.viewer?.role === 'ADMIN';
  }

  get canAudit(): boolean {
    return this.viewer?.role === 'ADMIN' || this.viewer?.role === 'AUDITOR';
  }

  private client(): ApiClient {
    if (!this.token) throw new Error('not signed in');
    this.#client ??= createApiClient(this.endpoint, this.token, (status) => {
      this.liveStatus = status;
    });
    return this.#client;
  }

  /** Checks a token with the API (`viewer`), then keeps it. */
  async signIn(token: string): Promise<ApiProblem | null> {
    const trimmed = token.trim();
    if (!trimmed) {
      return { code: 'BAD_USER_INPUT', message: 'Paste an API token.', fields: {}, currentVersion: null };
    }
    const probe = createApiClient(this.endpoint, trimmed);
    try {
      const result = await probe.apollo.query({ query: VIEWER });
      this.dropClient();
      this.token = trimmed;
      this.viewer = result.data?.viewer ?? null;
      this.signOutReason = null;
      this.storage?.setItem(TOKEN_KEY, trimmed);
      return null;
    } catch (error) {
      return toApiProblem(error);
    } finally {
      probe.dispose();
    }
  }

  signOut(reason: string | null = null): void {
    this.dropClient();
    this.token = null;
    this.viewer = null;
    this.signOutReason = reason;
    this.storage?.removeItem(TOKEN_KEY);
  }

  /** Loads `viewer` for a token kept from an earlier visit. */
  async loadViewer(): Promise<ApiProblem | null> {
    const outcome = await this.query(VIEWER, {});
    if (outcome.ok) this.viewer = outcome.data.viewer;
    return outcome.ok ? null : outcome.problem;
  }

  query<T, V extends OperationVariables>(
    document: TypedDocumentNode<T, V>,
    variables: V,
  ): Promise<Outcome<T>> {
    return this.outcome(() => this.client().apollo.query<T, V>({ query: document, variables } as never));
  }

  mutate<T, V extends OperationVariables>(
    document: TypedDocumentNode<T, V>,
    variables: V,
  ): Promise<Outcome<T>> {
    return this.outcome(() => this.client().apollo.mutate<T, V>({ mutation: document, variables } as never));
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe<T, V extends OperationVariables>(
    document: TypedDocumentNode<T, V>,
    variables: V,
    onData: (data: T) => void,
    onProblem: (problem: ApiProblem) => void = () => {},
  ): () => void {
    const subscription = this.client()
      .apollo.subscribe<T, V>({ query: document, variables } as never)
      .subscribe({
        next: (result) => {
          if (result.error) onProblem(this.noticed(toApiProblem(result.error)));
          else if (result.data) onData(result.data as T);
        },
        error: (error: unknown) => onProblem(this.noticed(toApiProblem(error))),
      });
    return () => subscription.unsubscribe();
  }

  /** A request's data, or the problem it met: an error in the result or a thrown one. */
  private async outcome<T>(request: () => Promise<{ data?: unknown; error?: unknown }>): Promise<Outcome<T>> {
    try {
      const result = await request();
      if (result.error) return { ok: false, problem: this.noticed(toApiProblem(result.error)) };
      return { ok: true, data: result.data as T };
    } catch (error) {
      return { ok: false, problem: this.noticed(toApiProblem(error)) };
    }
  }

  private noticed(problem: ApiProblem): ApiProblem {
    if (problem.code === 'UNAUTHENTICATED' && this.token) {
      this.signOut('The API refused your token (unknown or revoked). Sign in again.');
    }
    return problem;
  }

  private dropClient(): void {
    this.#client?.dispose();
    this.#client = null;
  }
}

const KEY = Symbol('guildscope.api');

export function provideApi(api: Api): Api {
  setContext(KEY, api);
  return api;
}

export function useApi(): Api {
  const api = getContext<Api | undefined>(KEY);
  if (!api) throw new Error('useApi() outside the root layout');
  return api;
}

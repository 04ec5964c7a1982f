import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '@guildscope/contracts';
import { BadUserInputError } from '../errors/api-errors.js';
import type { ReadDb, SqlExecutor } from '../read-db.js';
import type { Principal, Role } from './principal.js';

/** A token as listed (never the secret). `guildIds` null = all guilds. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly label: string | null;
  readonly role: Role;
  readonly guildIds: readonly string[] | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface CreateTokenInput {
  readonly role: Role;
  /** null or undefined = all guilds. */
  readonly guildIds?: readonly string[] | null;
  readonly label?: string | null;
}

interface TokenRow {
  id: string;
  label: string | null;
  role: Role;
  guild_ids: string[] | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

const snowflake = /^\d{1,20}$/;
/** Sent when a token is revoked, so every API process drops its cached lookups. */
export const tokensChangedChannel = 'api_tokens_changed';
/** Id of the token given by API_ADMIN_TOKEN; it lives only in the environment. */
export const bootstrapTokenId = 'bootstrap';

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * API tokens in the read database (`api_tokens`, migration 900). Secrets are `gs_` + 32 random bytes
 * (base64url); only their SHA-256 is stored, so a leaked table grants nothing.
 */
export class ApiTokenStore {
  private readonly bootstrapHash: Buffer | null;
  /** hash -> principal (or null for an unknown token) and when it was read. */
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();

  constructor(
    private readonly db: SqlExecutor & Partial<Pick<ReadDb, 'notify' | 'listen'>>,
    /** API_ADMIN_TOKEN: an admin token over all guilds that needs no row (first start, recovery). */
    bootstrapAdminToken?: string,
    /**
     * How long a lookup is reused (default 30 s; 0 disables). Revoking through any store clears every
     * API process's cache at once through the `api_tokens_changed` notification; the TTL only bounds a
     * change made behind the API's back (a row edited by hand).
     */
    private readonly cacheMs = 30_000,
  ) {
    this.bootstrapHash = bootstrapAdminToken ? Buffer.from(hashToken(bootstrapAdminToken), 'hex') : null;
  }

  /** Clears the cache whenever any process revokes a token. Returns the unsubscribe function. */
  async followChanges(): Promise<() => Promise<void>> {
    if (!this.db.listen) return async () => {};
    return this.db.listen(tokensChangedChannel, () => this.cache.clear());
  }

  /** The principal for a presented secret, or null when unknown or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!secret) return null;
    const hash = hashToken(secret);
    if (this.bootstrapHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.bootstrapHash)) {
      return { tokenId: bootstrapTokenId, role: 'admin', guilds: 'all' };
    }
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < this.cacheMs) return cached.principal;
    const { rows } = await this.db.query<TokenRow>(
      'SELECT id, role, guild_ids FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    const principal: Principal | null = row
      ? { tokenId: row.id, role: row.role, guilds: row.guild_ids ? new Set(row.guild_ids) : 'all' }
      : null;
    if (this.cacheMs > 0) {
      // Bounded: a flood of made-up tokens cannot grow it without limit.
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(hash, { principal, at: Date.now() });
    }
    return principal;
  }

  async create(input: CreateTokenInput): Promise<{ token: string; record: ApiTokenRecord }> {
    const guildIds = input.guildIds ?? null;
    if (guildIds) {
      if (guildIds.length === 0) {
        throw new BadUserInputError('guildIds: give at least one guild id, or none for all guilds', {
          guildIds: 'empty list',
        });
      }
      const bad = guildIds.find((g) => !snowflake.test(g));
      if (bad !== undefined) {
        throw new BadUserInputError(`guildIds: "${bad}" is not a Discord id (digits only)`, {
          guildIds: `"${bad}" is not a Discord id`,
        });
      }
    }
    const label = input.label?.trim() || null;
    if (label && label.length > 200) {
      throw new BadUserInputError('label: at most 200 characters', { label: 'at most 200 characters' });
    }
    const token = `gs_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const { rows } = await this.db.query<TokenRow>(
      `INSERT INTO api_tokens (id, label, role, guild_ids, token_hash)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, label, role, guild_ids, created_at, revoked_at`,
      [id, label, input.role, guildIds ? [...new Set(guildIds)] : null, hashToken(token)],
    );
    return { token, record: toRecord(rows[0] as TokenRow) };
  }

  /** Revokes a token (idempotent: revoking twice keeps the first date). NOT_FOUND for an unknown id. */
  async revoke(id: string): Promise<ApiTokenRecord> {
    const { rows } = await this.db.query<TokenRow>(
      `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
       RETURNING id, label, role, guild_ids, created_at, revoked_at`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError(`No API token with id ${id}`);
    this.cache.clear();
    await this.db.notify?.(tokensChangedChannel, id);
    return toRecord(row);
  }

  async list(includeRevoked = false): Promise<ApiTokenRecord[]> {
    const { rows } = await this.db.query<TokenRow>(
      `SELECT id, label, role, guild_ids, created_at, revoked_at FROM api_tokens
       WHERE $1 OR revoked_at IS NULL ORDER BY created_at, id`,
      [includeRevoked],
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: TokenRow): ApiTokenRecord {
  return {
    id: row.id,
    label: row.label,
    role: row.role,
    guildIds: row.guild_ids,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

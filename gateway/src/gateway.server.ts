import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  acceptedEventTypes,
  type ClientToServerEvents,
  clientToServerEventNames,
  type GatewayErrorMessage,
  type GuildsAddAck,
  guildsAddSchema,
  type HandshakeRefusal,
  MAX_HANDSHAKE_GUILDS,
  type ServerToClientEvents,
  type ToBackendAck,
} from '@guildscope/contracts';
import { createWriteSide, type EventStore, type WriteSide } from '@guildscope/write-side';
import { type Logger, pino } from 'pino';
import { type DefaultEventsMap, Server, type Socket } from 'socket.io';
import type { BotCredentials } from './auth/bot-credentials.js';
import { verifyBotToken } from './auth/bot-credentials.js';
import { type BotHandshake, parseBotHandshake } from './auth/bot-handshake.js';
import { BotConfigStream } from './config-feed/bot-config.stream.js';
import { type GatewayLimits, resolveGatewayLimits } from './gateway.limits.js';
import { GatewayMetrics } from './http/gateway.metrics.js';
import { createHttpEndpoints } from './http/http-endpoints.js';
import { FrameSizeTracker } from './ingest/frame-size.tracker.js';
import { kindOf, ToBackendHandler } from './ingest/to-backend.handler.js';

export interface GatewayOptions {
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Default 127.0.0.1; use 0.0.0.0 to accept remote bots. */
  readonly host?: string;
  readonly eventStore: EventStore;
  /** botId -> SHA-256 of its token (see `parseBotCredentials`). */
  readonly credentials: BotCredentials;
  readonly limits?: Partial<GatewayLimits>;
  readonly logger?: Logger;
  /**
   * A write side to share (e.g. with the API in the same process); by default the gateway creates one. Its
   * config watch decides how often bots' config feeds look for changes made by other processes.
   */
  readonly writeSide?: WriteSide;
}

export interface RunningGateway {
  /** `http://host:port`: Socket.IO endpoint, `/healthz` and `/metrics`. */
  readonly url: string;
  readonly port: number;
  readonly metrics: GatewayMetrics;
  /** Stops accepting, disconnects bots after their in-flight batches were answered, closes the write side it created. */
  close(): Promise<void>;
}

/**
 * `socket.data` of a connection: the handshake without its token (the secret is not kept once checked).
 * The gateway's own state, never sent: it holds the parsed resume position.
 */
interface ConnectionState {
  readonly handshake: Omit<BotHandshake, 'token'>;
}

/** The contracts' event maps; no server-to-server events (gateways share nothing but the write side). */
type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, ConnectionState>;
type BotSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, ConnectionState>;
const knownEvents: ReadonlySet<string> = new Set(clientToServerEventNames);
/** "to-backend, module:ack and guilds:add", for the answer to an unknown event. */
const acceptedNames = `${clientToServerEventNames.slice(0, -1).join(', ')} and ${clientToServerEventNames.at(-1)}`;

/** Starts the gateway: Socket.IO for bots plus `/healthz` and `/metrics` on the same port. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const limits = resolveGatewayLimits(options.limits);
  const logger = (options.logger ?? pino({ level: 'info' })).child({ component: 'gateway' });
  const metrics = new GatewayMetrics(new Set<string>(acceptedEventTypes));
  const ownWriteSide = options.writeSide === undefined;
  const writeSide = options.writeSide ?? (await createWriteSide({ eventStore: options.eventStore }));
  const socketPath = '/socket.io';

  const httpServer = createServer(
    createHttpEndpoints({ eventStore: options.eventStore, metrics, logger, socketPath }),
  );
  const io: GatewayServer = new Server(httpServer, {
    path: socketPath,
    // Frames above this are not buffered: the transport drops the connection (the bot reconnects).
    maxHttpBufferSize: limits.maxFrameBytes,
    serveClient: false,
    cors: { origin: false },
  });
  const connections = new Set<{ handler: ToBackendHandler; stream: BotConfigStream; socket: BotSocket }>();

  io.use((socket, next) => {
    const parsed = parseBotHandshake(socket.handshake.auth);
    const refuse = (code: HandshakeRefusal['code'], reason: string) => {
      metrics.authFailures.inc();
      logger.warn({ code, reason, address: socket.handshake.address }, 'bot connection refused');
      const data: HandshakeRefusal = { code, reason };
      next(Object.assign(new Error(reason), { data }));
    };
    if (!parsed.ok) return refuse('INVALID_HANDSHAKE', `invalid handshake: ${parsed.reason}`);
    const { handshake } = parsed;
    if (!verifyBotToken(options.credentials, handshake.botId, handshake.token))
      return refuse('UNAUTHORIZED', `unauthorized: unknown bot "${handshake.botId}" or wrong token`);
    const { token: _checked, ...kept } = handshake;
    socket.data = { handshake: kept };
    next();
  });

  io.on('connection', (socket) => {
    const { handshake } = socket.data;
    const log = logger.child({ botId: handshake.botId, shardId: handshake.shardId, sid: socket.id });
    const guildIds = new Set(handshake.guildIds);
    const tracker = new FrameSizeTracker();
    socket.conn.on('packet', (packet: { type: string; data?: unknown }) => tracker.onPacket(packet));
    socket.prependAny((event: unknown) => tracker.onEvent(event));
    const handler = new ToBackendHandler({
      commandBus: writeSide.commandBus,
      metrics,
      limits,
      logger: log,
      botId: handshake.botId,
      shardId: handshake.shardId,
      guildIds,
    });
    const stream = new BotConfigStream({
      writeSide,
      socket,
      guildIds,
      logger: log,
      metrics,
      maxUnacked: limits.maxUnackedChanges,
    });
    const connection = { handler, stream, socket };
    connections.add(connection);
    metrics.connectedBots.inc();
    log.info(
      { guilds: guildIds.size, configPosition: handshake.configPosition !== undefined },
      'bot connected',
    );

    const protocolError = (code: GatewayErrorMessage['code'], event: string, message: string) => {
      const payload: GatewayErrorMessage = { code, event, message };
      socket.emit('gateway:error', payload);
    };

    socket.on('to-backend', (...args: unknown[]) => {
      const frameBytes = tracker.next();
      const ack = args.length > 0 ? args[args.length - 1] : undefined;
      if (typeof ack !== 'function') {
        metrics.batchesRefused.inc({ code: 'ACK_REQUIRED' });
        return protocolError(
          'ACK_REQUIRED',
          'to-backend',
          'to-backend needs an ack callback: emit("to-backend", events, (ack) => ...); nothing was recorded',
        );
      }
      const reply = ack as (answer: ToBackendAck) => void;
      if (args.length !== 2) {
        const message = `to-backend takes exactly one argument (the events array) before the ack, got ${args.length - 1}`;
        protocolError('INVALID_BATCH', 'to-backend', `${message}; nothing was recorded`);
        return handler.refuseBatch(reply, 'INVALID_BATCH', message);
      }
      if (!Array.isArray(args[0]))
        protocolError(
          'INVALID_BATCH',
          'to-backend',
          `expected an array of events (BotEventDto[]), got ${kindOf(args[0])}; nothing was recorded`,
        );
      handler.handle(args[0], frameBytes, reply);
    });

    socket.on('module:ack', (payload: unknown) => {
      const problem = stream.ack(payload);
      if (problem) protocolError('INVALID_ACK', 'module:ack', problem);
    });

    socket.on('guilds:add', (...args: unknown[]) => {
      const ack = args[args.length - 1];
      const answer = (a: GuildsAddAck) =>
        typeof ack === 'function' ? (ack as (a: GuildsAddAck) => void)(a) : undefined;
      const invalid = (message: string) => {
        if (typeof ack !== 'function') protocolError('INVALID_GUILDS', 'guilds:add', message);
        answer({ ok: false, error: { code: 'INVALID_GUILDS', message } });
      };
      const parsed = guildsAddSchema.safeParse(args[0]);
      if (!parsed.success)
        return invalid('guilds:add expects an array of guild ids (snowflake strings) and an ack callback');
      const added = parsed.data;
      const total = new Set([...guildIds, ...added]).size;
      if (total > MAX_HANDSHAKE_GUILDS)
        return invalid(
          `a connection serves at most ${MAX_HANDSHAKE_GUILDS} guilds; this would make ${total}`,
        );
      stream
        .addGuilds(added)
        .then((snapshot) => answer({ ok: true, guildIds: [...guildIds], snapshot }))
        .catch((err: unknown) => {
          log.error({ err }, 'guilds:add snapshot failed');
          invalid(`could not read the config of the added guilds: ${(err as Error).message}`);
        });
    });

    socket.onAny((event: string) => {
      if (knownEvents.has(event)) return;
      protocolError(
        'UNKNOWN_EVENT',
        String(event).slice(0, 64),
        `unknown event ${JSON.stringify(String(event).slice(0, 64))}; the gateway accepts ${acceptedNames}`,
      );
    });

    socket.on('disconnect', (reason) => {
      connections.delete(connection);
      metrics.connectedBots.dec();
      log.info({ reason, ackedConfigPosition: stream.acked }, 'bot disconnected');
      void stream.stop();
    });

    stream.start(handshake.configPosition);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host ?? '127.0.0.1', () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // e.g. EADDRINUSE: release what was created before reporting.
    io.close();
    if (ownWriteSide) await writeSide.close();
    throw error;
  }
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, limits }, 'gateway listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    metrics,
    close() {
      closing ??= (async () => {
        // Answer what was received before dropping the bots: their acks are durable promises.
        await Promise.all([...connections].map((c) => c.handler.drain()));
        await Promise.all([...connections].map((c) => c.stream.stop()));
        await new Promise<void>((resolve) => io.close(() => resolve()));
        if (ownWriteSide) await writeSide.close();
        logger.info({ url }, 'gateway closed');
      })();
      return closing;
    },
  };
}

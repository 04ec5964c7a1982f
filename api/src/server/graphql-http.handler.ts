import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';

/** Largest request body accepted (queries are small; this stops memory abuse). */
export const maxBodyBytes = 1_000_000;

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Apollo Server 5 over plain node:http (no Express): read and parse the body, hand the request to
 * `executeHTTPGraphQLRequest` (the documented integration API), write its answer back.
 */
export async function handleGraphqlHttp<C extends BaseContext>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<C>,
): Promise<void> {
  let body: unknown;
  try {
    body = req.method === 'POST' ? await readJsonBody(req) : undefined;
  } catch (error) {
    if (error instanceof BodyError) {
      writeJson(res, error.status, {
        errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    throw error;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new BodyError(413, `Request body larger than ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!/^application\/(graphql-response\+)?json/i.test(type)) {
    // Apollo answers a clear 400 for a wrong content type (and its CSRF protection relies on it).
    return text.length > 0 ? text : undefined;
  }
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function writeJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

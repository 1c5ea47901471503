import type { ServerResponse } from 'node:http';
import type { Response } from 'express';

/**
 * JSON text PostGIS built, tagged with the contract type it spells out (server/src/contract). The
 * tag documents and carries the type to the reader; the SQL file's header and the API tests are
 * what hold the text to it.
 */
export type JsonText<T> = string & { readonly jsonOf?: T };

/** The value a JsonText spells. */
export function parseJsonText<T>(text: JsonText<T>): T {
  return JSON.parse(text) as T;
}

/** PostGIS builds the JSON; Node passes the text through unchanged. */
export function sendJsonText<T>(res: Response, text: JsonText<T>, status = 200): void {
  res.status(status).type('application/json; charset=utf-8').send(text);
}

/** Sends the `fc` column of an aggregate query (which always returns exactly one row). */
export function sendCollection<T>(res: Response, rows: { fc: JsonText<T> }[]): void {
  sendJsonText(res, rows[0]?.fc ?? '{"type":"FeatureCollection","features":[]}');
}

/**
 * A JSON answer written straight out: no Express send (no ETag or freshness check, no content-type
 * lookup), for the public finder's answers, where that costs more than finding the answer.
 */
export function sendJsonDirect(res: ServerResponse, body: unknown, cacheControl: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': cacheControl,
  });
  res.end(text);
}

import type { Response } from 'express';

/** PostGIS builds the JSON; Node passes the text through unchanged. */
export function sendJsonText(res: Response, text: string, status = 200): void {
  res.status(status).type('application/json; charset=utf-8').send(text);
}

/** Sends the `fc` column of an aggregate query (which always returns exactly one row). */
export function sendCollection(res: Response, rows: { fc: string }[]): void {
  sendJsonText(res, rows[0]?.fc ?? '{"type":"FeatureCollection","features":[]}');
}

/**
 * A JSON answer written straight out: no Express send (no ETag or freshness check, no content-type
 * lookup), for the public finder's answers, where that costs more than finding the answer.
 */
export function sendJsonDirect(res: Response, body: unknown, cacheControl: string): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': cacheControl,
  });
  res.end(text);
}

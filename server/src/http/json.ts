import type { Response } from 'express';

/** PostGIS builds the JSON; Node passes the text through unchanged. */
export function sendJsonText(res: Response, text: string, status = 200): void {
  res.status(status).type('application/json; charset=utf-8').send(text);
}

/** Sends the `fc` column of an aggregate query (which always returns exactly one row). */
export function sendCollection(res: Response, rows: { fc: string }[]): void {
  sendJsonText(res, rows[0]?.fc ?? '{"type":"FeatureCollection","features":[]}');
}

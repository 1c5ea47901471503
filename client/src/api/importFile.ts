import { ApiError, readErrorBody, withQuery } from './http';
import type { ImportCrs, ImportKind, ImportMode, ImportReport } from './importTypes';

export interface ImportOptions {
  fileName: string;
  crs: ImportCrs;
  mode: ImportMode;
  /** 7 parameters for a Shapefile in Beijing 1954, Xian 1980… ("dx,dy,dz,rx,ry,rz,ds"); empty: none. */
  towgs84?: string;
  /** .xlsx: the sheet to read, by name or number from 1; empty or absent → the first with a header row of the kind. */
  sheet?: string;
}

/** Upload progress first (`percent` null when the browser cannot tell), then the server's check. */
export type ImportProgress = { phase: 'upload'; percent: number | null } | { phase: 'checking' };

/**
 * Sends the raw file for a dry run or a commit and reads the report. XMLHttpRequest rather than
 * fetch because only it reports upload progress (`upload.onprogress`), which a 20 MB file on a
 * slow line needs. Errors arrive as an ApiError with the server's code, message and details.
 */
export function importFile(
  kind: ImportKind,
  file: Blob,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const url = withQuery(`/api/imports/${kind}`, {
    fileName: options.fileName,
    crs: options.crs,
    mode: options.mode,
    towgs84: options.towgs84?.trim(),
    sheet: options.sheet?.trim(),
  });
  return new Promise<ImportReport>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ApiError(0, 'ABORTED', 'Request aborted'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');

    xhr.upload.onprogress = (event) => {
      // The last progress event can come without a separate upload `load` on some stacks.
      if (event.lengthComputable && event.loaded >= event.total) onProgress?.({ phase: 'checking' });
      else onProgress?.({ phase: 'upload', percent: event.lengthComputable ? Math.round((event.loaded / event.total) * 100) : null });
    };
    // Every byte is sent: what remains is the server reading and checking the file.
    xhr.upload.onload = () => onProgress?.({ phase: 'checking' });

    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);

    xhr.onabort = () => {
      settle();
      reject(new ApiError(0, 'ABORTED', 'Request aborted'));
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError(0, 'NETWORK_ERROR', 'Network error'));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onload = () => {
      settle();
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body !== null) {
        resolve(body as ImportReport);
        return;
      }
      const error = readErrorBody(body);
      reject(
        error
          ? new ApiError(xhr.status, error.code, error.message, error.details)
          : new ApiError(xhr.status, 'BAD_RESPONSE', `HTTP ${xhr.status} ${xhr.statusText}`),
      );
    };
    xhr.send(file);
  });
}

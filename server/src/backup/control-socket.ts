import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * How `npm run backup` reaches a running server on the embedded database, which only that process
 * may open: a Unix socket in DATA_DIR, readable by the data directory's owner alone (mode 600, the
 * same trust as the files themselves). The client sends `backup\n`; the server answers one JSON
 * line — {"ok":true,"bytes":N} followed by the N bytes of the data-directory tarball, or
 * {"ok":false,"error":"…"} — and closes.
 */
export const CONTROL_SOCKET = 'control.sock';

export interface ControlSocket {
  close(): Promise<void>;
}

export function serveBackups(dataDir: string, dump: () => Promise<Blob>): ControlSocket {
  const socketPath = path.join(dataDir, CONTROL_SOCKET);
  fs.rmSync(socketPath, { force: true }); // left by a process that is gone: the data-dir lock says so
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    let request = '';
    socket.on('data', (chunk: Buffer) => {
      request += chunk.toString('utf8');
      if (!request.includes('\n')) {
        if (request.length > 64) socket.destroy();
        return;
      }
      socket.removeAllListeners('data');
      if (request.trim() !== 'backup') {
        socket.end(`${JSON.stringify({ ok: false, error: `unknown request ${JSON.stringify(request.trim().slice(0, 20))}` })}\n`);
        return;
      }
      dump()
        .then((blob) => blob.arrayBuffer())
        .then(
          (tar) => {
            socket.write(`${JSON.stringify({ ok: true, bytes: tar.byteLength })}\n`);
            socket.end(Buffer.from(tar));
          },
          (err: unknown) => socket.end(`${JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) })}\n`),
        );
    });
  });
  server.on('error', (err) => console.error(`Backups while running are unavailable (${socketPath}): ${err.message}`));
  server.listen(socketPath, () => fs.chmodSync(socketPath, 0o600));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

/**
 * The data-directory tarball from the server running on dataDir, or undefined when none is
 * listening there (then the caller may open the database itself).
 */
export function requestBackup(dataDir: string): Promise<Buffer | undefined> {
  const socketPath = path.join(dataDir, CONTROL_SOCKET);
  return new Promise((resolve, reject) => {
    if (!fs.existsSync(socketPath)) return resolve(undefined);
    const socket = net.connect(socketPath, () => socket.write('backup\n'));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? resolve(undefined) : reject(err),
    );
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      const header = JSON.parse(all.subarray(0, newline < 0 ? all.length : newline).toString('utf8')) as
        | { ok: true; bytes: number }
        | { ok: false; error: string };
      if (!header.ok) return reject(new Error(`the running server could not back up: ${header.error}`));
      const tar = all.subarray(newline + 1);
      if (tar.length !== header.bytes) return reject(new Error(`the backup was cut short (${tar.length} of ${header.bytes} bytes)`));
      resolve(tar);
    });
  });
}

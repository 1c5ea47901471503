import http from 'node:http';
import zlib from 'node:zlib';

// A plain HTTP client for the measured requests: one keep-alive connection, the bytes on the wire
// counted before any decoding (fetch would decompress out of sight), a timeout that is a result
// rather than a crash.

export interface Answer {
  /** HTTP status, or "timeout" / "error: …" when no answer came. */
  status: number | string;
  ms: number;
  /** Bytes of the body as sent (compressed when the server compressed it). */
  wireBytes: number;
  headers: http.IncomingHttpHeaders;
  /** The decoded body. */
  body: Buffer;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export class HttpClient {
  cookie: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly defaultTimeoutMs = 20_000,
  ) {}

  request(path: string, options: RequestOptions = {}): Promise<Answer> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, br', ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: Buffer | undefined;
    if (options.body !== undefined) {
      payload = Buffer.from(JSON.stringify(options.body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise((resolve) => {
      const started = performance.now();
      let settled = false;
      const done = (a: Omit<Answer, 'ms'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...a, ms: performance.now() - started });
      };
      const req = http.request(url, { method: options.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => done({ status: `error: ${err.message}`, wireBytes: 0, headers: {}, body: Buffer.alloc(0) }));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          let body = raw;
          try {
            if (encoding === 'gzip') body = zlib.gunzipSync(raw);
            else if (encoding === 'br') body = zlib.brotliDecompressSync(raw);
            else if (encoding === 'deflate') body = zlib.inflateSync(raw);
          } catch {
            // keep the raw bytes; the status says what the server meant
          }
          done({ status: res.statusCode ?? 0, wireBytes: raw.length, headers: res.headers, body });
        });
      });
      const timer = setTimeout(() => {
        req.destroy();
        done({ status: 'timeout', wireBytes: 0, headers: {}, body: Buffer.alloc(0) });
      }, timeoutMs);
      req.on('error', (err) => done({ status: `error: ${err.message}`, wireBytes: 0, headers: {}, body: Buffer.alloc(0) }));
      req.end(payload);
    });
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const a = await this.request(path, options);
    if (a.status !== 200 && a.status !== 201) throw new Error(`${options.method ?? 'GET'} ${path}: ${a.status} ${a.body.toString().slice(0, 300)}`);
    return JSON.parse(a.body.toString()) as T;
  }

  /** Signs in; later requests carry the session cookie. */
  async signIn(username: string, password: string): Promise<void> {
    const a = await this.request('/api/auth/login', { method: 'POST', body: { username, password } });
    if (a.status !== 200) throw new Error(`sign-in of ${username} failed: ${a.status} ${a.body.toString().slice(0, 300)}`);
    const setCookie = a.headers['set-cookie']?.[0] ?? '';
    this.cookie = setCookie.split(';')[0];
  }
}

export function closeHttpAgent(): void {
  agent.destroy();
}

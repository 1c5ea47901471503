// The embedded database's thread: PGlite (PostgreSQL compiled to WebAssembly) with PostGIS runs a
// statement synchronously, so it lives here and the HTTP thread never waits on it. Plain JavaScript
// so that any runtime (the server under tsx, the test runner) can start it. The protocol, one
// message per call, answered with { id, ok, value } or { id, ok: false, error }:
//   query {sql, params, tx?} · exec {sql, tx?} · begin → tx · end {tx, commit} · dump → ArrayBuffer · close
import { Blob } from 'node:buffer';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';

const { dataDir, loadDataDir } = workerData;
/** Open transactions by number: their query target and the function that ends them. */
const transactions = new Map();
let nextTx = 1;
const ROLLBACK = Symbol('rollback');

const pg = await PGlite.create({
  ...(dataDir ? { dataDir } : {}),
  ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  extensions: { postgis, pg_trgm },
}).catch((err) => {
  parentPort.postMessage({ id: 0, ok: false, error: describe(err) });
  process.exit(1);
});
parentPort.postMessage({ id: 0, ok: true });

parentPort.on('message', (message) => {
  handle(message).then(
    ({ value, transfer }) => parentPort.postMessage({ id: message.id, ok: true, value }, transfer ?? []),
    (err) => parentPort.postMessage({ id: message.id, ok: false, error: describe(err) }),
  );
});

async function handle(message) {
  const target = message.tx ? transactions.get(message.tx)?.target : pg;
  if (!target) throw new Error(`transaction ${message.tx} is not open`);
  switch (message.op) {
    case 'query':
      return { value: (await target.query(message.sql, message.params)).rows };
    case 'exec':
      await target.exec(message.sql);
      return {};
    case 'begin':
      return { value: await begin() };
    case 'end': {
      const open = transactions.get(message.tx);
      transactions.delete(message.tx);
      await open.end(message.commit);
      return {};
    }
    case 'dump': {
      const tar = await (await pg.dumpDataDir('none')).arrayBuffer();
      return { value: tar, transfer: [tar] };
    }
    case 'close':
      await pg.close();
      setImmediate(() => process.exit(0));
      return {};
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

/** Opens a transaction that stays open until its `end`: PGlite commits when the callback resolves. */
function begin() {
  return new Promise((opened, failed) => {
    const tx = nextTx++;
    const done = pg.transaction(
      (target) =>
        new Promise((resolve, reject) => {
          const end = (commit) => {
            if (commit) resolve();
            else reject(ROLLBACK);
            return done.catch((err) => {
              if (err !== ROLLBACK) throw err;
            });
          };
          transactions.set(tx, { target, end });
          opened(tx);
        }),
    );
    done.catch(failed); // only matters before it opened
  });
}

function describe(err) {
  return {
    message: err instanceof Error ? err.message : String(err),
    code: typeof err?.code === 'string' ? err.code : undefined,
    detail: typeof err?.detail === 'string' ? err.detail : undefined,
  };
}

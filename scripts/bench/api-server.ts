// The API server as the bench starts it: the same entry point as `npm start`, under a name of its
// own so that nothing looking for `server/src/main.ts` processes mistakes it for another server.
import '../../server/src/main.ts';

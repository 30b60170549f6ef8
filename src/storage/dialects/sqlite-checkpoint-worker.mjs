/**
 * The thread of the background checkpointer (sqlite-checkpointer.ts). Plain JavaScript: a worker
 * thread starts without the TypeScript loader the main thread runs under.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, synchronous, activeMs, idleMs } = workerData;
const db = new Database(file, { fileMustExist: true });
// The checkpoint syncs the WAL and the database file as the store's own synchronous mode says.
db.pragma(`synchronous = ${synchronous}`);

let pagesSeen = -1;
let next;

function checkpoint() {
  // PASSIVE copies what it can without waiting for the writer or blocking it.
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  const writing = log !== pagesSeen;
  pagesSeen = log;
  next = setTimeout(checkpoint, writing ? activeMs : idleMs);
}

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(next);
  db.close();
  parentPort.close();
});
next = setTimeout(checkpoint, activeMs);

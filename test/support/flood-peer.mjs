// A separate process that floods an HSMS passive endpoint with one kind of packet, for the fairness
// and backpressure tests. Plain Node, no library code: it must not share the bugs it looks for.
//   node flood-peer.mjs '<json>'   {port, localAddress, kind, count, maxMs, read}
// kind: 'unknown-stype' (SType 200: answered Reject.req reason 1), 'ptype' (PType 5: Reject.req
// reason 2), 'reject' (Reject.req for nothing open: not answered), 's9' (S9F1 <B[10]>: not
// answered), 'linktest' (Linktest.req: answered Linktest.rsp).
// read: false pauses the socket after the select, as a peer that never reads its answers would.
// Prints JSON lines: {"selected":true}, then {"done":true,"sent":N,"received":N,"ms":N}, then exits.
// Bounded: stops after `count` packets or `maxMs`, whichever comes first, and exits within 2 s of that.
import { connect } from 'node:net';

const config = JSON.parse(process.argv[2] ?? '{}');
const BATCH = 512; // packets per write: enough to keep the socket busy, small enough to stay fair to the count bound

function frame(sessionId, byte2, byte3, pType, sType, system, text = Buffer.alloc(0)) {
  const out = Buffer.alloc(14 + text.length);
  out.writeUInt32BE(10 + text.length, 0);
  out.writeUInt16BE(sessionId, 4);
  out[6] = byte2;
  out[7] = byte3;
  out[8] = pType;
  out[9] = sType;
  out.writeUInt32BE(system >>> 0, 10);
  text.copy(out, 14);
  return out;
}

function packet(kind, system) {
  switch (kind) {
    case 'unknown-stype':
      return frame(0xffff, 0, 0, 0, 200, system);
    case 'ptype':
      return frame(0xffff, 0, 0, 5, 1, system);
    case 'reject':
      return frame(0xffff, 1, 1, 0, 7, system);
    case 'linktest':
      return frame(0xffff, 0, 0, 0, 5, system);
    case 's9': {
      const mhead = frame(0, 0x81, 1, 0, 0, system).subarray(4);
      return frame(0, 9, 1, 0, 0, system, Buffer.concat([Buffer.from([0x21, 0x0a]), mhead]));
    }
    default:
      throw new Error(`flood-peer: unknown kind ${kind}`);
  }
}

function report(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

const socket = connect({ host: '127.0.0.1', port: config.port, localAddress: config.localAddress });
socket.setNoDelay(true);
socket.on('error', (error) => {
  report({ error: error.message });
  process.exit(1);
});
socket.on('close', () => finish());

let received = 0;
let pending = Buffer.alloc(0); // only frame boundaries are needed: counting, and spotting Select.rsp
let selected = false;
socket.on('data', (chunk) => {
  pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  let at = 0;
  while (pending.length - at >= 4 && pending.length - at >= 4 + pending.readUInt32BE(at)) {
    const sType = pending[at + 9];
    at += 4 + pending.readUInt32BE(at);
    received++;
    if (!selected && sType === 2) {
      selected = true;
      report({ selected: true });
      if (config.read === false) socket.pause();
      flood();
    }
  }
  pending = pending.subarray(at);
});
socket.on('connect', () => socket.write(frame(0xffff, 0, 0, 0, 1, 1)));

let sent = 0;
let started = 0;
function flood() {
  started = performance.now();
  const batch = Buffer.concat(Array.from({ length: BATCH }, (_, i) => packet(config.kind, 0x1000 + i)));
  const step = () => {
    while (sent < config.count && performance.now() - started < config.maxMs) {
      sent += BATCH;
      if (!socket.write(batch)) return void socket.once('drain', step);
    }
    finish();
  };
  step();
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  report({ done: true, sent, received, ms: Math.round(performance.now() - started) });
  socket.end();
  setTimeout(() => process.exit(0), 2000).unref();
  socket.once('close', () => process.exit(0));
}

setTimeout(
  () => {
    report({ error: 'flood-peer: overall time bound reached' });
    process.exit(2);
  },
  (config.maxMs ?? 10_000) + 10_000,
).unref();

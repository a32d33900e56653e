// A separate process acting as an HSMS passive peer, for tests that kill it (SIGKILL) mid-conversation.
// Plain Node, no library code: it must stay independent of what it tests.
//   node hsms-child-peer.mjs <port>     listens on 127.0.0.1:<port> (0: a free port)
// Prints one JSON line {"port":N} once listening, then {"received":"S1F3"} for each data message.
// Answers Select.req (status 0) and Linktest.req; answers an S1F1 W with S1F2; holds every other
// primary unanswered (the test's "request in flight" when the process dies).
import { createServer } from 'node:net';

const port = Number(process.argv[2] ?? 0);

function frame(header, text = Buffer.alloc(0)) {
  const out = Buffer.alloc(4 + 10 + text.length);
  out.writeUInt32BE(10 + text.length, 0);
  header.copy(out, 4);
  text.copy(out, 14);
  return out;
}

function control(sType, system, byte3 = 0) {
  const h = Buffer.alloc(10);
  h.writeUInt16BE(0xffff, 0);
  h[3] = byte3;
  h[5] = sType;
  h.writeUInt32BE(system, 6);
  return frame(h);
}

function reply(stream, fn, system) {
  const h = Buffer.alloc(10);
  h[2] = stream;
  h[3] = fn;
  h.writeUInt32BE(system, 6);
  return frame(h, Buffer.from([0x01, 0x00])); // <L [0]>
}

function serve(socket) {
  let buffer = Buffer.alloc(0); // test-sized traffic: concatenation is fine here
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUInt32BE(0)) {
      const length = buffer.readUInt32BE(0);
      const h = buffer.subarray(4, 14);
      buffer = buffer.subarray(4 + length);
      const sType = h[5];
      const system = h.readUInt32BE(6);
      if (sType === 1) socket.write(control(2, system, 0));
      else if (sType === 5) socket.write(control(6, system));
      else if (sType === 0) {
        const stream = h[2] & 0x7f;
        const fn = h[3];
        process.stdout.write(`${JSON.stringify({ received: `S${stream}F${fn}` })}\n`);
        if (stream === 1 && fn === 1) socket.write(reply(1, 2, system));
      }
    }
  });
}

const server = createServer(serve);
server.listen({ host: '127.0.0.1', port }, () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

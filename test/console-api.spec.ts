import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePeerView } from '../libs/hsms/src/console/peer-view.js';
import type { TraceRecord } from '../libs/hsms/src/console/trace-entry.js';
import { HsmsState } from '../libs/hsms/src/hsms/hsms-handler.events.js';
import { http, readEvents } from './support/console-http.js';
import { type ConsoleSample, startConsoleSample } from './support/console-sample.js';
import { Cleanup, reachState } from './support/hsms-test-kit.js';

// The console's HTTP API over real sockets, against the sample app and three simulated tools.
describe('the web console API', () => {
  const cleanup = new Cleanup();
  let sample: ConsoleSample;
  const api = (path: string): string => new URL(path, sample.url).href;
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${sample.token}` });

  beforeAll(async () => {
    sample = await startConsoleSample(cleanup);
    await Promise.all(['etcher-1', 'litho-1', 'metrology-1'].map((name) => reachState(sample.manager.get(name)!, HsmsState.Selected)));
  }, 30_000);
  afterAll(() => cleanup.run(), 30_000);

  it('GET /api/peers lists every peer with its state, counters and GEM state', async () => {
    const answer = await http(api('/api/peers'));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const peers = JSON.parse(answer.text) as ConsolePeerView[];
    expect(peers.map((p) => [p.name, p.state, p.active])).toEqual([
      ['etcher-1', 'SELECTED', true],
      ['litho-1', 'SELECTED', false],
      ['metrology-1', 'SELECTED', false],
    ]);
    const etcher = peers[0]!;
    expect(etcher.address).toBe('127.0.0.1');
    expect(etcher.gem?.role).toBe('host');
    expect(peers[1]!.gem).toBeNull();
    expect(etcher.counters.messagesOut).toBeGreaterThan(0); // S1F13 at least
    expect(Date.parse(etcher.since)).not.toBeNaN();
  });

  it('GET /api/trace streams messages as server-sent events, filtered by peer, SxFy and direction', async () => {
    const { events, contentType } = await readEvents(api('/api/trace?history=0&peer=etcher-1&sf=S6F11&direction=in'), 2);
    expect(contentType).toMatch(/^text\/event-stream/);
    const records = events.map((e) => JSON.parse(e.data) as TraceRecord);
    for (const r of records) {
      expect(r).toMatchObject({ peer: 'etcher-1', sf: 'S6F11', direction: 'in', wBit: true, label: 'S6F11 W' });
      expect(r.sml).toMatch(/^S6F11 W\n<L \[3\]/);
    }
    expect(Number(events[1]!.id)).toBeGreaterThan(Number(events[0]!.id));
    // the whole stream 6, outgoing only: our S6F12 acknowledgements, never the tool's S6F11
    const out = await readEvents(api('/api/trace?history=0&peer=etcher-1&sf=S6&direction=out'), 2);
    expect(out.events.map((e) => (JSON.parse(e.data) as TraceRecord).label)).toEqual(['S6F12', 'S6F12']);
  });

  it('GET /api/trace replays what it holds, and a bad filter is a 400 naming the parameter', async () => {
    const { events } = await readEvents(api('/api/trace?history=5&control=0'), 5);
    expect(events.every((e) => (JSON.parse(e.data) as TraceRecord).sf !== null)).toBe(true);
    const bad = await http(api('/api/trace?sf=S6G11'));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: 'TraceFilterError' });
    expect(bad.text).toContain("'sf'");
  });

  it('refuses a send without the token (401) and with a wrong one', async () => {
    const none = await http(api('/api/peers/etcher-1/send'), { method: 'POST', body: 'S1F1 W .' });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(none.text)).toMatchObject({ error: 'HsmsConsoleHttpError', code: 'Unauthorized' });
    const wrong = await http(api('/api/peers/etcher-1/send'), {
      method: 'POST',
      body: 'S1F1 W .',
      headers: { Authorization: `Bearer ${sample.token}x` },
    });
    expect(wrong.status).toBe(401);
  });

  it('sends SML with the token and answers with the reply in SML', async () => {
    const answer = await http(api('/api/peers/etcher-1/send'), { method: 'POST', body: 'S1F1 W\n.', headers: auth() });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-hsms-reply']).toBe('S1F2');
    expect(answer.text).toBe('S1F2\n<L [2]\n  <A "SIMTOOL">\n  <A "1.0.0">\n>\n.\n');
  });

  it('answers bad SML with 400 and the line and column', async () => {
    const answer = await http(api('/api/peers/etcher-1/send'), {
      method: 'POST',
      body: 'S1F3 W\n<L\n  <U4 1>\n  <Q 2>\n>\n.',
      headers: auth(),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'SmlParseError', line: 4, column: 4 });
  });

  it("names the peer's refusal: an unknown stream gets S9F3 from the tool, a 502 here", async () => {
    const answer = await http(api('/api/peers/etcher-1/send'), { method: 'POST', body: 'S99F1 W .', headers: auth() });
    expect(answer.status).toBe(502);
    const body = JSON.parse(answer.text) as { error: string; message: string };
    expect(body.error).toMatch(/^Secs\w+Error$/);
    const peers = JSON.parse((await http(api('/api/peers'))).text) as ConsolePeerView[];
    expect(peers[0]!.lastError?.text).toMatch(/S9F3/);
  });

  it('answers an unknown peer with 404 and a read from a foreign Host name with 401', async () => {
    const unknown = await http(api('/api/peers/nobody/send'), { method: 'POST', body: 'S1F1 W .', headers: auth() });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ code: 'UnknownPeer' });
    const malformed = await http(api('/api/peers/%E0%A4%A/send'), { method: 'POST', body: 'S1F1 W .', headers: auth() });
    expect(malformed.status).toBe(400);
    // DNS rebinding: a page at evil.example that resolves to 127.0.0.1 is not a local reader
    const rebound = await http(api('/api/peers'), { headers: { Host: 'evil.example:3000' } });
    expect(rebound.status).toBe(401);
    const withToken = await http(api('/api/peers'), { headers: { Host: 'evil.example:3000', ...auth() } });
    expect(withToken.status).toBe(200);
  });

  it('serves the page and its two files from the package, with a strict content policy', async () => {
    const page = await http(sample.url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="/console.js"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await http(api('/console.js'))).status).toBe(200);
    expect((await http(api('/console.css'))).headers['content-type']).toMatch(/^text\/css/);
    expect((await http(api('/../package.json'))).status).toBe(404);
  });
});

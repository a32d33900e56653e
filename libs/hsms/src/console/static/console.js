// The HSMS web console page: plain JavaScript, no framework, no build step, nothing fetched from
// outside this server. Data is only ever put into the page as text (textContent), never as HTML.
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (index.html loads it without type="module"): strict mode must be asked for
'use strict';

const TRACE_CAP = 2000; // messages kept in the page (a ring: the oldest go first)
const PEERS_EVERY_MS = 1000;

const $ = (id) => document.getElementById(id);
const state = {
  peers: [],
  picked: null, // peer whose GEM panel is shown
  trace: [], // ring of trace records, oldest first
  dropped: 0, // records the page let go (ring full) or the server skipped (slow reader)
  paused: false,
  pending: 0, // records received while paused, shown on resume
  filter: { peer: '', sf: [], dir: '', control: false },
};

// --- token: from the printed URL's #token=..., kept for this tab only ---
(function readToken() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem('hsms-console-token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  $('token').value = sessionStorage.getItem('hsms-console-token') || '';
  $('token').addEventListener('change', () => sessionStorage.setItem('hsms-console-token', $('token').value.trim()));
})();

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

function ago(iso) {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

const clock = (iso) => iso.slice(11, 23);

// --- peers ---

async function refreshPeers() {
  try {
    const response = await fetch('/api/peers', { headers: authHeaders() });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    state.peers = await response.json();
    renderPeers();
    $('peers-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    $('peers-updated').textContent = `cannot read peers: ${error.message}`;
  }
}

function renderPeers() {
  const body = $('peers').tBodies[0];
  body.replaceChildren(
    ...state.peers.map((p) => {
      const c = p.counters;
      const row = el(
        'tr',
        { 'data-peer': p.name, class: p.name === state.picked ? 'picked' : '' },
        el('td', {}, el('strong', {}, p.name)),
        el('td', {}, `${p.address}:${p.port}`),
        el('td', {}, p.active ? 'active' : 'passive'),
        el('td', { class: `state state-${p.state}` }, p.state),
        el('td', { title: p.since }, ago(p.since)),
        el('td', { class: p.gem ? `comm-${p.gem.communicationState}` : '' }, p.gem ? p.gem.communicationState : '—'),
        el('td', {}, p.gem ? controlStateText(p.gem) : '—'),
        el('td', { class: 'counts' }, `${c.messagesIn} / ${c.messagesOut}`),
        el('td', {}, c.t3Timeouts),
        el('td', {}, `${c.rejectsReceived} / ${c.rejectsSent}`),
        el('td', {}, `${c.s9Received} / ${c.s9Sent}`),
        el(
          'td',
          { class: 'err', title: p.lastError ? p.lastError.time : '' },
          p.lastError ? `${clock(p.lastError.time)} ${p.lastError.text}` : '',
        ),
      );
      row.addEventListener('click', () => pick(p.name));
      return row;
    }),
  );
  syncPeerSelect($('filter-peer'), true);
  syncPeerSelect($('send-peer'), false);
  if (state.picked === null) {
    const gem = state.peers.find((p) => p.gem);
    if (gem) state.picked = gem.name;
  }
  renderGem();
}

/** E30's CONTROLSTATE values, as the standard ControlState status variable carries them. */
const E30_CONTROL_STATES = { 1: 'EQUIPMENT_OFFLINE', 2: 'ATTEMPT_ONLINE', 3: 'HOST_OFFLINE', 4: 'ONLINE_LOCAL', 5: 'ONLINE_REMOTE' };

/**
 * The equipment's control state: its own model on the equipment side; on the host side the
 * equipment's ControlState status variable, when one was read (a host does not track it itself).
 */
function controlStateText(gem) {
  if (gem.controlState) return gem.controlState;
  const sv = gem.statusVariables?.values.find((v) => /^control\s*state$/i.test(v.name));
  if (!sv) return 'n/a (host side)';
  const text = /"([^"]*)"/.exec(sv.value);
  const code = /^<U\d \[1\] (\d)>$/.exec(sv.value);
  const shown = text ? text[1] : code ? (E30_CONTROL_STATES[code[1]] ?? sv.value) : sv.value;
  return `${shown} (SV ${sv.svid}, ${ago(gem.statusVariables.time)})`;
}

function syncPeerSelect(select, withAll) {
  const names = state.peers.map((p) => p.name);
  const current = [...select.options].map((o) => o.value).filter((v) => v !== '');
  if (current.join('\n') === names.join('\n')) return;
  const chosen = select.value;
  select.replaceChildren(...(withAll ? [el('option', { value: '' }, 'all')] : []), ...names.map((n) => el('option', { value: n }, n)));
  if (names.includes(chosen) || (withAll && chosen === '')) select.value = chosen;
}

function pick(name) {
  state.picked = name;
  $('send-peer').value = name;
  renderPeers();
}

// --- GEM panel ---

function renderGem() {
  const peer = state.peers.find((p) => p.name === state.picked);
  const box = $('gem');
  $('gem-peer').textContent = peer ? peer.name : '';
  if (!peer?.gem) {
    box.replaceChildren(el('p', { class: 'note' }, peer ? `${peer.name} runs no GEM state models.` : 'Pick a GEM peer in the table.'));
    return;
  }
  const g = peer.gem;
  const parts = [
    el(
      'p',
      {},
      `Role: ${g.role} · communication: `,
      el('span', { class: `comm-${g.communicationState}` }, g.communicationState),
      ` · control: ${controlStateText(g)}`,
    ),
    el('h3', {}, 'Status variables'),
  ];
  const local = g.role === 'equipment';
  const read = el(
    'button',
    { type: 'button', id: 'gem-read-svs' },
    local ? 'Read status variables' : 'Read status variables (S1F11 + S1F3)',
  );
  read.addEventListener('click', () => readStatusVariables(peer.name));
  parts.push(read);
  if (g.statusVariables) {
    parts.push(
      el('p', { class: 'note' }, `read ${ago(g.statusVariables.time)}`),
      table(
        ['SVID', 'Name', 'Value', 'Units'],
        g.statusVariables.values.map((v) => [v.svid, v.name, el('pre', {}, v.value), v.units]),
      ),
    );
  }
  parts.push(el('h3', {}, 'Enabled events and their last reports'));
  const reportText = (r) => {
    const named = Object.entries(r.values);
    const lines = named.length ? named.map(([k, v]) => `${k} = ${v}`) : r.reports.map((x) => `RPTID ${x.rptid}: ${x.values.join(' ')}`);
    return el('pre', {}, [ago(r.time), ...lines].join('\n'));
  };
  const events = g.events.map((e) => [e.ceid, e.name ?? e.variables.join(', '), e.lastReport ? reportText(e.lastReport) : '—']);
  for (const r of g.otherReports) events.push([r.ceid, '(not enabled here)', reportText(r)]);
  parts.push(events.length ? table(['CEID', local ? 'Name' : 'Variables', 'Last report'], events) : el('p', { class: 'note' }, 'none yet'));
  parts.push(el('h3', {}, 'Alarms set'));
  parts.push(
    g.alarmsSet.length
      ? table(
          ['ALID', 'Text', 'Category', 'Since'],
          g.alarmsSet.map((a) => [a.alid, a.text, a.category ?? '', a.since ? ago(a.since) : '']),
        )
      : el('p', { class: 'note' }, 'none'),
  );
  box.replaceChildren(...parts);
}

function table(headings, rows) {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c))))),
  );
}

async function readStatusVariables(peer) {
  const response = await fetch(`/api/peers/${encodeURIComponent(peer)}/status-variables`, { method: 'POST', headers: authHeaders() });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    $('gem').prepend(el('p', { class: 'err' }, `${body.error || response.status}: ${body.message || ''}`));
    return;
  }
  await refreshPeers();
}

// --- trace ---

function matches(r) {
  const f = state.filter;
  if (f.peer && r.peer !== f.peer) return false;
  if (f.dir && r.direction !== f.dir) return false;
  if (r.sf === null) return f.control && f.sf.length === 0;
  return f.sf.length === 0 || f.sf.some((s) => s.stream === r.stream && (s.fn === undefined || s.fn === r.function));
}

function entryNode(r) {
  const arrow = r.direction === 'in' ? '←' : '→';
  return el(
    'div',
    { class: 'entry', 'data-peer': r.peer, 'data-sf': r.sf ?? '', 'data-dir': r.direction },
    el(
      'div',
      { class: 'head' },
      el('span', {}, clock(r.time)),
      el('span', { class: `dir-${r.direction}` }, `${arrow} ${r.direction}`),
      el('span', {}, r.peer),
      el('span', { class: 'label' }, r.label),
      el('span', {}, `system ${r.system}`),
      el('span', {}, `${r.bytes} B`),
    ),
    ...(r.sml ? [el('pre', {}, r.sml)] : []),
  );
}

function addRecord(r) {
  state.trace.push(r);
  if (state.trace.length > TRACE_CAP) {
    state.trace.shift();
    if (state.paused) state.dropped++;
  }
  if (state.paused) {
    state.pending++;
    showCounts();
    return;
  }
  if (!matches(r)) return;
  const box = $('trace');
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 30;
  box.append(entryNode(r));
  while (box.childElementCount > TRACE_CAP) box.firstElementChild.remove();
  if (atBottom) box.scrollTop = box.scrollHeight;
  showCounts();
}

function renderTrace() {
  const box = $('trace');
  box.replaceChildren(...state.trace.filter(matches).map(entryNode));
  box.scrollTop = box.scrollHeight;
  showCounts();
}

function showCounts() {
  $('trace-count').textContent = `${$('trace').childElementCount} shown of ${state.trace.length} kept`;
  const notes = [];
  if (state.paused) notes.push(`paused: ${state.pending} new message(s) held`);
  if (state.dropped) notes.push(`${state.dropped} dropped (buffer full)`);
  $('trace-pending').textContent = notes.join(' · ');
}

function readFilter() {
  const sf = $('filter-sf')
    .value.split(/[\s,]+/)
    .filter(Boolean)
    .map((t) => /^S(\d+)(?:F(\d+))?$/i.exec(t))
    .filter(Boolean)
    .map((m) => ({ stream: Number(m[1]), fn: m[2] === undefined ? undefined : Number(m[2]) }));
  state.filter = { peer: $('filter-peer').value, sf, dir: $('filter-dir').value, control: $('filter-control').checked };
  renderTrace();
}

function connectTrace() {
  const source = new EventSource('/api/trace?history=all&control=1');
  source.onopen = () => {
    $('link-status').textContent = 'live';
    $('link-status').className = 'badge live';
  };
  source.onerror = () => {
    $('link-status').textContent = 'reconnecting…';
    $('link-status').className = 'badge down';
  };
  source.onmessage = (event) => addRecord(JSON.parse(event.data));
  source.addEventListener('dropped', (event) => {
    state.dropped += JSON.parse(event.data).count;
    showCounts();
  });
}

$('pause').addEventListener('click', () => {
  state.paused = !state.paused;
  $('pause').textContent = state.paused ? 'Resume' : 'Pause';
  if (!state.paused) {
    state.pending = 0;
    renderTrace();
  }
  showCounts();
});
$('clear').addEventListener('click', () => {
  state.trace = [];
  state.dropped = 0;
  state.pending = 0;
  renderTrace();
});
for (const id of ['filter-peer', 'filter-dir', 'filter-control']) $(id).addEventListener('change', readFilter);
$('filter-sf').addEventListener('input', readFilter);

// --- send ---

function authHeaders() {
  const token = $('token').value.trim();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function send() {
  const peer = $('send-peer').value;
  const reply = $('send-reply');
  reply.className = '';
  reply.textContent = '';
  $('send-status').textContent = `sending to ${peer}…`;
  try {
    const response = await fetch(`/api/peers/${encodeURIComponent(peer)}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...authHeaders() },
      body: $('send-sml').value,
    });
    const text = await response.text();
    if (response.ok) {
      $('send-status').textContent = response.status === 202 ? 'sent' : `reply ${response.headers.get('X-Hsms-Reply') || ''}`;
      reply.textContent = text;
      return;
    }
    const body = JSON.parse(text);
    reply.className = 'error';
    const where = body.line ? ` (line ${body.line}, column ${body.column})` : '';
    reply.textContent = `${body.error}${body.code && body.code !== body.error ? ` [${body.code}]` : ''}: ${body.message}${where && !body.message.includes('line') ? where : ''}`;
    $('send-status').textContent = `HTTP ${response.status}`;
  } catch (error) {
    reply.className = 'error';
    reply.textContent = String(error);
    $('send-status').textContent = 'failed';
  }
}
$('send-button').addEventListener('click', send);
$('send-sml').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
});

connectTrace();
void refreshPeers();
setInterval(refreshPeers, PEERS_EVERY_MS);

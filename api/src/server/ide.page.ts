/**
 * An offline GraphQL IDE: one self-contained HTML page (no CDN, no external asset). A token field, a
 * query editor, variables, Run (HTTP) and Subscribe (graphql-ws protocol over a plain WebSocket), and a
 * schema explorer built from introspection. Apollo's landing page loads from a CDN, so it is disabled.
 */
export function idePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Guildscope GraphQL</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{margin:0;font:14px system-ui,sans-serif;background:#1e1f22;color:#dbdee1}
header{display:flex;gap:8px;align-items:center;padding:8px 12px;background:#2b2d31}
header h1{font-size:15px;margin:0 12px 0 0}
input,textarea,button{font:13px ui-monospace,monospace;background:#111214;color:#dbdee1;border:1px solid #3f4147;border-radius:4px;padding:6px}
button{cursor:pointer;background:#5865f2;border:0;color:#fff;padding:6px 12px}
main{display:grid;grid-template-columns:1fr 1fr 280px;gap:8px;padding:8px;height:calc(100vh - 60px);box-sizing:border-box}
section{display:flex;flex-direction:column;gap:6px;min-height:0}
textarea{flex:1;resize:none;white-space:pre;tab-size:2}
#vars{flex:0 0 100px}
pre{flex:1;margin:0;overflow:auto;background:#111214;border:1px solid #3f4147;border-radius:4px;padding:6px}
#docs{overflow:auto;font-size:12px}
#docs details{margin-left:6px}
#docs code{color:#a5b4fc}
</style></head><body>
<header><h1>Guildscope GraphQL</h1>
<input id="token" type="password" placeholder="API token (Bearer)" size="40">
<button id="run">Run (Ctrl+Enter)</button><button id="sub">Subscribe</button><button id="stop">Stop</button>
<button id="schema">Load schema</button></header>
<main>
<section><textarea id="query" spellcheck="false">{
  viewer { role allGuilds guildIds }
  guilds { id name memberCount }
}</textarea><textarea id="vars" spellcheck="false" placeholder="variables (JSON)">{}</textarea></section>
<section><pre id="out"></pre></section>
<section><div id="docs">Load the schema to browse types.</div></section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const endpoint = location.origin + '/graphql';
$('token').value = localStorage.getItem('gs-token') || '';
$('token').onchange = () => localStorage.setItem('gs-token', $('token').value);
const show = (v) => { $('out').textContent = typeof v === 'string' ? v : JSON.stringify(v, null, 2); };
async function post(query, variables) {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: 'Bearer ' + $('token').value }, body: JSON.stringify({ query, variables }) });
  return res.json();
}
function vars() { try { return JSON.parse($('vars').value || '{}'); } catch (e) { show('Variables: ' + e.message); throw e; } }
$('run').onclick = async () => { try { show(await post($('query').value, vars())); } catch (e) { show(String(e)); } };
document.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key === 'Enter') $('run').click(); });
let ws;
$('sub').onclick = () => {
  if (ws) ws.close();
  const log = [];
  ws = new WebSocket(endpoint.replace(/^http/, 'ws'), 'graphql-transport-ws');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer ' + $('token').value } }));
  ws.onmessage = (m) => { const msg = JSON.parse(m.data);
    if (msg.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: $('query').value, variables: vars() } }));
    else if (msg.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    else { log.unshift(msg); show(log.slice(0, 50)); } };
  ws.onclose = (e) => { log.unshift({ closed: e.code, reason: e.reason }); show(log); };
};
$('stop').onclick = () => { if (ws) ws.close(); ws = undefined; };
const typeName = (t) => t.kind === 'NON_NULL' ? typeName(t.ofType) + '!' : t.kind === 'LIST' ? '[' + typeName(t.ofType) + ']' : t.name;
const esc = (s) => String(s ?? '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
$('schema').onclick = async () => {
  const r = await post('{ __schema { types { name kind description fields { name description args { name type { ...T } } type { ...T } } inputFields { name type { ...T } } enumValues { name } } } } fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }', {});
  if (!r.data) { show(r); return; }
  $('docs').innerHTML = r.data.__schema.types.filter((t) => !t.name.startsWith('__')).map((t) =>
    '<details><summary><code>' + esc(t.name) + '</code></summary><div>' + esc(t.description) + '</div>' +
    (t.fields || t.inputFields || []).map((f) => '<div><code>' + esc(f.name) +
      (f.args && f.args.length ? '(' + f.args.map((a) => esc(a.name) + ': ' + esc(typeName(a.type))).join(', ') + ')' : '') +
      ': ' + esc(typeName(f.type)) + '</code> ' + esc(f.description) + '</div>').join('') +
    (t.enumValues || []).map((v) => '<div><code>' + esc(v.name) + '</code></div>').join('') + '</details>').join('');
};
</script></body></html>`;
}

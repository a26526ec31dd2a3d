// A headless check of the editor wiring `dokaz init` writes (issue 15):
// starts the YAML language server that VS Code's YAML extension (Red Hat)
// runs, gives it the workspace's `.vscode/settings.json` the way the
// extension does (the schema path made absolute), opens a practice in
// YAML mode, asks for completion in `regions:` and prints the
// completions and the diagnostics.
//
//   npm install --prefix /tmp/yls yaml-language-server@1
//   dokaz init /tmp/reg
//   node scripts/editor-probe.js /tmp/yls /tmp/reg content/practices/example-practice.md
//
// Expected: `russia — Россия | moscow — Москва (Россия)`, and no
// diagnostics for the Markdown body. Not run by CI (it needs Node and a
// package from npm); run by hand when the schema or the settings change.
const { spawn } = require('child_process');
const fs = require('fs'); const path = require('path');
const root = path.resolve(process.argv[3]); const rel = process.argv[4];
const languageId = process.argv[5] || 'yaml';
const schemas = {};
const settings = JSON.parse(fs.readFileSync(path.join(root, '.vscode/settings.json'), 'utf8'));
for (const [k, v] of Object.entries(settings['yaml.schemas'])) schemas['file://' + path.join(root, k)] = v;
const srv = spawn(path.join(path.resolve(process.argv[2]), 'node_modules/.bin/yaml-language-server'), ['--stdio']);
let buf = Buffer.alloc(0); let id = 0; const waiting = {};
const send = (m) => { const s = JSON.stringify(m); srv.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`); };
const request = (method, params) => new Promise(r => { id++; waiting[id] = r; send({ jsonrpc: '2.0', id, method, params }); });
const diags = [];
srv.stdout.on('data', d => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\r\n\r\n'); if (h < 0) return;
    const len = parseInt(/Content-Length: (\d+)/.exec(buf.slice(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const m = JSON.parse(buf.slice(h + 4, h + 4 + len).toString()); buf = buf.slice(h + 4 + len);
    if (m.id && waiting[m.id] && !m.method) { waiting[m.id](m.result); delete waiting[m.id]; }
    else if (m.method === 'textDocument/publishDiagnostics') diags.push(...m.params.diagnostics);

    if (m.id && m.method) send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? m.params.items.map(i => i.section === 'yaml' ? { schemas, validate: true, completion: true, hover: true } : null) : null });
  }
});
(async () => {
  const uri = 'file://' + path.join(root, rel);
  let text = fs.readFileSync(path.join(root, rel), 'utf8');
  text = text.replace('regions: [moscow]', 'regions:\n  - ');
  await request('initialize', { processId: process.pid, rootUri: 'file://' + root, capabilities: {}, workspaceFolders: [{ uri: 'file://' + root, name: 'r' }] });
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  send({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: { yaml: { schemas, validate: true, completion: true, hover: true } } } });
  send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId, version: 1, text } } });
  const lines = text.split('\n'); const line = lines.findIndex(l => l === '  - ');
  await new Promise(r => setTimeout(r, 1500));
  const res = await request('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } });
  const items = (res && (res.items || res)) || [];
  console.log('completion at', line + 1, ':', items.map(i => i.label + (i.documentation ? ' — ' + (i.documentation.value || i.documentation) : '')).join(' | '));
  await new Promise(r => setTimeout(r, 1500));
  console.log('diagnostics:', JSON.stringify(diags.map(d => [d.range.start.line + 1, d.message])));
  srv.kill(); process.exit(0);
})();

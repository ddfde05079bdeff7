// courtbridge verification page (issue 7). Plain ES module, no build step, no dependencies.
// Files are hashed HERE with WebCrypto (crypto.subtle.digest('SHA-256')): only the 32-byte
// fingerprint goes to the gateway, never the file. Results are written with textContent only
// (no innerHTML), so nothing in an answer can inject markup.

/** Plain-language titles of the checks (src/verify/bundle-verify.ts, src/relay/http/evidence-lookup.ts). */
const CHECK_TITLES = {
  bundle_shape: 'The proof bundle is complete and well-formed',
  validator_set_hash: 'The validators are the ones the block names',
  validator_set_pinned: 'The validators are a set you pinned',
  header_quorum: "More than 2/3 of the chain's validators signed the block",
  commit_signatures: 'Every validator signature in the block is genuine',
  header_binding: 'The answer is about this record, at this block',
  state_proof: "The Merkle proof leads to the block's state root",
  attestations: 'Agencies vouch for the answer',
  receipt_binding: "The gateway's receipt covers exactly this answer",
  receipt_signature: 'The gateway signed the receipt',
  anchor_claims: 'Every anchor on record names this file',
  submitter_signatures: "Each submitter's signature is genuine",
};
const OUTCOME_MARK = { passed: '✓ Passed', failed: '✗ Failed', skipped: '– Not applicable' };

const $ = (id) => document.getElementById(id);
const resultBody = () => $('result-body');

/** Create an element with text (never HTML). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined && c !== null) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const when = (ms) => (typeof ms === 'number' && ms > 0 ? `${new Date(ms).toLocaleString()} (${new Date(ms).toISOString()})` : 'unknown');

function show(...nodes) {
  const body = resultBody();
  body.replaceChildren(...nodes);
  $('result').focus({ preventScroll: false });
}

function showError(message) {
  show(el('p', { class: 'error', role: 'alert', 'data-testid': 'error' }, message));
}

function showBusy(text) {
  resultBody().replaceChildren(el('p', { class: 'muted' }, text));
}

/** POST JSON; returns the parsed answer or throws an Error with the server's message. */
async function postJson(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  let data;
  try {
    data = await res.json();
  } catch {
    throw new Error(`the gateway answered ${res.status} without JSON`);
  }
  if (!res.ok) {
    const e = data && data.error;
    throw new Error(e ? `${e.message} [${e.reason}]` : `the gateway answered ${res.status}`);
  }
  return data;
}

function checksList(checks) {
  const list = el('ul', { class: 'checks', 'data-testid': 'checks' });
  for (const c of checks) {
    const title = CHECK_TITLES[c.name] || c.name;
    const tech = el('details', {}, el('summary', {}, 'Technical detail'), el('p', {}, `check: ${c.name}`), c.reason ? el('p', {}, `reason: ${c.reason}`) : null, el('p', {}, c.detail || ''));
    list.append(el('li', { 'data-check': c.name, 'data-outcome': c.outcome }, el('span', { class: 'mark' }, OUTCOME_MARK[c.outcome] || c.outcome), ' ', el('span', { class: 'title' }, title), c.outcome === 'failed' ? el('span', { class: 'reason' }, ` (${c.reason})`) : null, tech));
  }
  return list;
}

function verdictLine(verdict, checks) {
  const failed = checks.filter((c) => c.outcome === 'failed');
  if (verdict === 'valid') return el('p', { 'data-testid': 'verdict', 'data-verdict': verdict }, `Every applicable check passed (${checks.filter((c) => c.outcome === 'passed').length} passed).`);
  if (verdict === 'invalid') return el('p', { class: 'error', 'data-testid': 'verdict', 'data-verdict': verdict }, `${failed.length} check(s) failed: ${failed.map((c) => CHECK_TITLES[c.name] || c.name).join('; ')}.`);
  return el('p', { 'data-testid': 'verdict', 'data-verdict': verdict }, 'Nothing failed, but something could not be decided (see the checks marked not applicable).');
}

function downloadLink(bundleFile, name) {
  const blob = new Blob([JSON.stringify(bundleFile, null, 2) + '\n'], { type: 'application/json' });
  return el('a', { class: 'download', href: URL.createObjectURL(blob), download: name, 'data-testid': 'download-bundle' }, 'Save the proof bundle (re-check it offline with courtbridge verify)');
}

function renderEvidence(r, fileName) {
  const facts = el('dl', { class: 'facts' }, el('dt', {}, 'File'), el('dd', {}, fileName), el('dt', {}, 'SHA-256'), el('dd', { class: 'mono', 'data-testid': 'sha256' }, r.sha256));
  let banner;
  if (r.status === 'anchored') {
    const first = r.anchors[0];
    banner = el('div', { class: r.verdict === 'valid' ? 'banner good' : 'banner bad', 'data-testid': 'status', 'data-status': r.status }, 'Anchored · 已存证',
      el('small', {}, r.verdict === 'valid' ? 'This exact file is recorded on the judicial chain, and the proof checks out.' : 'The chain lists this file, but its proof did not check out: do not rely on it.'));
    for (const a of r.anchors) {
      facts.append(el('dt', {}, 'Anchored by 存证人'), el('dd', { 'data-testid': 'submitter' }, a.submitterDid));
      facts.append(el('dt', {}, 'Signed at 签名时间'), el('dd', { 'data-testid': 'signed-at' }, when(a.signedAtMs)));
      for (const m of a.metadata) facts.append(el('dt', {}, m.name), el('dd', {}, m.value));
    }
    if (first === undefined) facts.append(el('dt', {}, 'Anchored by'), el('dd', {}, 'unknown'));
  } else if (r.status === 'not_anchored') {
    banner = el('div', { class: 'banner bad', 'data-testid': 'status', 'data-status': r.status }, 'Not anchored · 未存证',
      el('small', {}, 'No anchor of this exact file exists on the judicial chain. Even a one-byte change gives a different fingerprint. The chain proves the absence below.'));
  } else {
    banner = el('div', { class: 'banner neutral', 'data-testid': 'status', 'data-status': r.status }, 'Pending · 处理中', el('small', {}, 'The anchor is submitted but not yet in a block; check again in a moment.'));
  }
  if (r.provenAt) {
    facts.append(el('dt', {}, 'Proven at block 区块'), el('dd', { 'data-testid': 'proven-at' }, `${r.provenAt.chainId} height ${r.provenAt.height}, block time ${when(r.provenAt.timeMs)}`));
  }
  const parts = [banner, facts, verdictLine(r.verdict, r.checks), checksList(r.checks)];
  if (r.bundleFile) parts.push(downloadLink(r.bundleFile, `proof-${r.sha256.slice(0, 12)}.json`));
  show(...parts);
}

function renderBundle(r) {
  const good = r.verdict === 'valid';
  const banner = el('div', { class: good ? 'banner good' : r.verdict === 'invalid' ? 'banner bad' : 'banner neutral', 'data-testid': 'status', 'data-status': `bundle_${r.verdict}` },
    good ? 'The proof bundle holds · 证明有效' : r.verdict === 'invalid' ? 'The proof bundle does NOT hold · 证明无效' : 'The proof bundle could not be fully checked · 无法确定',
    el('small', {}, good ? 'Every applicable check passed.' : r.verdict === 'invalid' ? 'At least one check failed; the failing checks are marked in red.' : 'Nothing failed, but a signer key could not be looked up.'));
  const facts = el('dl', { class: 'facts' });
  if (r.subject) {
    facts.append(el('dt', {}, 'Chain'), el('dd', {}, r.subject.chainId), el('dt', {}, 'Record'), el('dd', { class: 'mono' }, `${r.subject.key} (${r.subject.recordType})`));
    facts.append(el('dt', {}, 'Answer'), el('dd', {}, r.subject.result === 'record' ? 'the record exists' : 'the record is proven absent'));
    facts.append(el('dt', {}, 'State at'), el('dd', {}, `height ${r.subject.stateHeight}, block time ${when(r.subject.stateTimeMs)}`));
  }
  show(banner, facts, verdictLine(r.verdict, r.checks), checksList(r.checks));
}

async function checkFile(file) {
  if (!file) return;
  showBusy(`Computing the SHA-256 of ${file.name} in your browser…`);
  try {
    const digest = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    const line = $('file-hash');
    line.hidden = false;
    line.textContent = `SHA-256 of ${file.name}: ${digest}`;
    showBusy('Asking the judicial chain…');
    renderEvidence(await postJson('/api/v1/verify-evidence', { sha256: digest }), file.name);
  } catch (e) {
    showError(`Could not check the file: ${e.message}`);
  }
}

async function checkBundleText(text) {
  const trimmed = text.trim();
  if (trimmed === '') return showError('Paste a proof bundle first.');
  try {
    JSON.parse(trimmed);
  } catch {
    return showError('That is not JSON: paste the whole bundle file.');
  }
  showBusy('Checking the proof bundle…');
  try {
    renderBundle(await postJson('/api/v1/verify-bundle', trimmed));
  } catch (e) {
    showError(`Could not check the bundle: ${e.message}`);
  }
}

function wireDrop(zone, onFile) {
  zone.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    zone.classList.remove('over');
    const f = ev.dataTransfer && ev.dataTransfer.files[0];
    if (f) onFile(f);
  });
}

function main() {
  $('file-input').addEventListener('change', (ev) => checkFile(ev.target.files[0]));
  wireDrop($('file-drop'), checkFile);
  $('bundle-check').addEventListener('click', () => checkBundleText($('bundle-text').value));
  $('bundle-file').addEventListener('change', async (ev) => {
    const f = ev.target.files[0];
    if (!f) return;
    $('bundle-text').value = await f.text();
    checkBundleText($('bundle-text').value);
  });
  wireDrop($('bundle-text'), async (f) => {
    $('bundle-text').value = await f.text();
    checkBundleText($('bundle-text').value);
  });
  document.documentElement.dataset.ready = 'true';
}

main();

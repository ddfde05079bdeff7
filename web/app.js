// courtbridge verification page. Plain ES module, no build step, no dependencies. Text is zh-CN
// first, English after. What the page shows as a record comes only from the gateway's
// `provenRecord`, decoded from the verified bytes, never from the pasted JSON.
// Files are hashed HERE with WebCrypto (crypto.subtle.digest('SHA-256')): only the 32-byte
// fingerprint goes to the gateway, never the file. Results are written with textContent only
// (no innerHTML), so nothing in an answer can inject markup.

/** Plain-language titles of the checks, zh-CN first (src/verify/bundle-verify.ts, src/relay/http/evidence-lookup.ts). */
const CHECK_TITLES = {
  bundle_shape: '证明包完整、格式正确 · The proof bundle is complete and well-formed',
  chain_admitted: '该链已被联盟登记接纳 · The chain is admitted in the alliance registry',
  validator_set_hash: '验证者集合与区块所载一致 · The validators are the ones the block names',
  anchored_trace: '区块可追溯至联盟锚定的可信区块 · The block traces back to the anchor the alliance pinned',
  validator_set_pinned: '验证者集合为您固定的集合 · The validators are a set you pinned',
  header_quorum: "超过 2/3 的验证者签署了该区块 · More than 2/3 of the chain's validators signed the block",
  commit_signatures: '区块中的每个验证者签名均真实 · Every validator signature in the block is genuine',
  header_trusted: "网关轻客户端信任该区块 · The gateway's light client trusts this block",
  header_binding: '答复针对此记录、此区块 · The answer is about this record, at this block',
  state_proof: "默克尔证明指向区块的状态根 · The Merkle proof leads to the block's state root",
  attestations: '机构为答复作证 · Agencies vouch for the answer',
  receipt_binding: "网关回执恰好覆盖此答复 · The gateway's receipt covers exactly this answer",
  receipt_signature: '网关签署了回执 · The gateway signed the receipt',
  anchor_claims: '存证记录均指向此文件 · Every anchor on record names this file',
  submitter_signatures: "每位存证人的签名均真实 · Each submitter's signature is genuine",
};
const OUTCOME_MARK = { passed: '✓ 通过 Passed', failed: '✗ 未通过 Failed', skipped: '– 不适用 Not applicable' };

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
/** A time in Beijing time (Asia/Shanghai), with the exact UTC instant after it. */
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const when = (ms) =>
  typeof ms === 'number' && ms > 0 ? `${BEIJING.format(new Date(ms))} 北京时间 (${new Date(ms).toISOString()})` : '未知 unknown';
const both = (t) => `${t.zh} · ${t.en}`;

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
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  let data;
  try {
    data = await res.json();
  } catch {
    throw new Error(`网关返回 ${res.status}，不是 JSON · the gateway answered ${res.status} without JSON`);
  }
  if (!res.ok) {
    const e = data?.error;
    throw new Error(e ? `${e.message} [${e.reason}]` : `网关返回 ${res.status} · the gateway answered ${res.status}`);
  }
  return data;
}

function checksList(checks) {
  const list = el('ul', { class: 'checks', 'data-testid': 'checks' });
  for (const c of checks) {
    const title = CHECK_TITLES[c.name] || c.name;
    const tech = el(
      'details',
      {},
      el('summary', {}, '技术细节 · Technical detail'),
      el('p', {}, `check: ${c.name}`),
      c.reason ? el('p', {}, `reason: ${c.reason}`) : null,
      el('p', {}, c.detail || ''),
    );
    list.append(
      el(
        'li',
        { 'data-check': c.name, 'data-outcome': c.outcome },
        el('span', { class: 'mark' }, OUTCOME_MARK[c.outcome] || c.outcome),
        ' ',
        el('span', { class: 'title' }, title),
        c.outcome === 'failed' ? el('span', { class: 'reason' }, ` (${c.reason})`) : null,
        tech,
      ),
    );
  }
  return list;
}

function verdictLine(verdict, checks) {
  const failed = checks.filter((c) => c.outcome === 'failed');
  const passed = checks.filter((c) => c.outcome === 'passed').length;
  if (verdict === 'valid')
    return el(
      'p',
      { 'data-testid': 'verdict', 'data-verdict': verdict },
      `所有适用的检查均通过（${passed} 项）· Every applicable check passed (${passed} passed).`,
    );
  if (verdict === 'invalid')
    return el(
      'p',
      { class: 'error', 'data-testid': 'verdict', 'data-verdict': verdict },
      `${failed.length} 项检查未通过 · ${failed.length} check(s) failed: ${failed.map((c) => CHECK_TITLES[c.name] || c.name).join('; ')}.`,
    );
  return el(
    'p',
    { 'data-testid': 'verdict', 'data-verdict': verdict },
    '没有检查失败，但有事项无法确定（见标为不适用的检查）· Nothing failed, but something could not be decided (see the checks marked not applicable).',
  );
}

function downloadLink(bundleFile, name) {
  const blob = new Blob([`${JSON.stringify(bundleFile, null, 2)}\n`], { type: 'application/json' });
  return el(
    'a',
    { class: 'download', href: URL.createObjectURL(blob), download: name, 'data-testid': 'download-bundle' },
    '保存证明包（可用 courtbridge verify 离线复核）· Save the proof bundle (re-check it offline with courtbridge verify)',
  );
}

function renderEvidence(r, fileName) {
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, '文件 File'),
    el('dd', {}, fileName),
    el('dt', {}, 'SHA-256'),
    el('dd', { class: 'mono', 'data-testid': 'sha256' }, r.sha256),
  );
  let banner;
  if (r.status === 'anchored') {
    const first = r.anchors[0];
    banner = el(
      'div',
      { class: r.verdict === 'valid' ? 'banner good' : 'banner bad', 'data-testid': 'status', 'data-status': r.status },
      '已存证 · Anchored',
      el(
        'small',
        {},
        r.verdict === 'valid'
          ? '此文件已原样记录在司法链上，证明核验通过。· This exact file is recorded on the judicial chain, and the proof checks out.'
          : '链上列有此文件，但其证明未通过核验：请勿依赖。· The chain lists this file, but its proof did not check out: do not rely on it.',
      ),
    );
    for (const a of r.anchors) {
      facts.append(el('dt', {}, '存证人 Anchored by'), el('dd', { 'data-testid': 'submitter' }, a.submitterDid));
      facts.append(el('dt', {}, '签名时间 Signed at'), el('dd', { 'data-testid': 'signed-at' }, when(a.signedAtMs)));
      for (const m of a.metadata) facts.append(el('dt', {}, m.name), el('dd', {}, m.value));
    }
    if (first === undefined) facts.append(el('dt', {}, '存证人 Anchored by'), el('dd', {}, '未知 unknown'));
  } else if (r.status === 'not_anchored') {
    banner = el(
      'div',
      { class: 'banner bad', 'data-testid': 'status', 'data-status': r.status },
      '未存证 · Not anchored',
      el(
        'small',
        {},
        '司法链上没有此文件的存证；哪怕改动一个字节，指纹也会不同。链上对“不存在”的证明见下。· No anchor of this exact file exists on the judicial chain. Even a one-byte change gives a different fingerprint. The chain proves the absence below.',
      ),
    );
  } else {
    banner = el(
      'div',
      { class: 'banner neutral', 'data-testid': 'status', 'data-status': r.status },
      '处理中 · Pending',
      el('small', {}, '存证已提交，尚未出块，请稍后再查。· The anchor is submitted but not yet in a block; check again in a moment.'),
    );
  }
  if (r.provenAt) {
    facts.append(
      el('dt', {}, '证明所在区块 Proven at block'),
      el(
        'dd',
        { 'data-testid': 'proven-at' },
        `${r.provenAt.chainId} 高度 height ${r.provenAt.height}，出块时间 block time ${when(r.provenAt.timeMs)}`,
      ),
    );
  }
  const parts = [banner, facts, verdictLine(r.verdict, r.checks), checksList(r.checks)];
  if (r.bundleFile) parts.push(downloadLink(r.bundleFile, `proof-${r.sha256.slice(0, 12)}.json`));
  show(...parts);
}

/** The record the bundle proves, decoded by the gateway from the verified bytes (src/verify/proven-record.ts); only a valid verdict shows one. */
function provenSection(p) {
  const box = el('section', {
    class: 'proven',
    'data-testid': 'proven',
    'data-shown': p ? p.shown : 'nothing',
    'aria-labelledby': 'proven-h',
  });
  box.append(el('h3', { id: 'proven-h' }, '已证明的记录 · Proven record'));
  if (!p || p.shown === 'nothing') {
    box.append(el('p', { class: 'muted', 'data-testid': 'proven-none' }, p ? both(p.why) : '不显示任何记录内容 · No record is shown'));
    return box;
  }
  const facts = el('dl', { class: 'facts' });
  const row = (zh, en, text, attrs = {}) => facts.append(el('dt', {}, `${zh} ${en}`), el('dd', attrs, text));
  row('记录类型', 'Record type', `${both(p.typeLabel)} (${p.recordType})`);
  row('链', 'Chain', p.chainId);
  row('记录键', 'Key', p.key, { class: 'mono', 'data-testid': 'proven-key' });
  row('区块', 'Block', `高度 height ${p.at.height}，${p.at.timeText}`);
  row('区块哈希', 'Header hash', p.at.headerHash, { class: 'mono' });
  if (p.shown === 'absence') {
    row('结论', 'Answer', '该记录在此区块的状态中不存在（已证明）· the record is proven absent at this block', {
      'data-testid': 'proven-absent',
    });
  } else if (p.decoded.ok) {
    for (const f of p.decoded.fields)
      row(f.label.zh, f.label.en, f.text, {
        'data-path': f.path,
        ...(['person_hash', 'hash', 'id', 'did'].includes(f.format) ? { class: 'mono' } : {}),
      });
  } else {
    row('注意', 'Note', both(p.decoded.why), { 'data-testid': 'proven-undecoded' });
    row('记录值（十六进制）', 'Value (hex)', p.valueHex, { class: 'mono', 'data-testid': 'proven-hex' });
  }
  box.append(facts);
  return box;
}

function renderBundle(r) {
  const good = r.verdict === 'valid';
  const banner = el(
    'div',
    {
      class: good ? 'banner good' : r.verdict === 'invalid' ? 'banner bad' : 'banner neutral',
      'data-testid': 'status',
      'data-status': `bundle_${r.verdict}`,
    },
    good
      ? '证明有效 · The proof bundle holds'
      : r.verdict === 'invalid'
        ? '证明无效 · The proof bundle does NOT hold'
        : '无法确定 · The proof bundle could not be fully checked',
    el(
      'small',
      {},
      good
        ? '所有适用的检查均通过。· Every applicable check passed.'
        : r.verdict === 'invalid'
          ? '至少一项检查未通过，已用红色标出；不显示任何记录内容。· At least one check failed; the failing checks are marked in red. No record is shown.'
          : '没有检查失败，但有事项无法判定；不显示任何记录内容。· Nothing failed, but something could not be decided. No record is shown.',
    ),
  );
  const parts = [banner];
  if (r.readablePart === 'ignored') {
    parts.push(
      el(
        'p',
        { class: 'note', 'data-testid': 'readable-ignored' },
        '注意：文件中的可读部分 (bundle) 未经核验，已忽略；以下内容均由 protobuf 字节解码。· Note: the readable part of this file (bundle) is not verified and was ignored; everything shown is decoded from the protobuf bytes.',
      ),
    );
  }
  parts.push(provenSection(r.provenRecord));
  if (!good && r.subject) {
    // What the bundle claims, labelled as unproven: useful to know what failed, never shown as a fact.
    const claimed = el('dl', { class: 'facts claimed', 'data-testid': 'claimed' });
    claimed.append(
      el('dt', {}, '证明包声称（未证明）Claimed, not proven'),
      el('dd', { class: 'mono' }, `${r.subject.chainId} · ${r.subject.key} (${r.subject.recordType})`),
    );
    parts.push(claimed);
  }
  parts.push(verdictLine(r.verdict, r.checks), checksList(r.checks));
  show(...parts);
}

async function checkFile(file) {
  if (!file) return;
  showBusy(`正在本机计算 ${file.name} 的 SHA-256… · Computing the SHA-256 of ${file.name} in your browser…`);
  try {
    const digest = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    const line = $('file-hash');
    line.hidden = false;
    line.textContent = `${file.name} 的 SHA-256 · SHA-256 of ${file.name}: ${digest}`;
    showBusy('正在查询司法链… · Asking the judicial chain…');
    renderEvidence(await postJson('/api/v1/verify-evidence', { sha256: digest }), file.name);
  } catch (e) {
    showError(`无法核验文件 · Could not check the file: ${e.message}`);
  }
}

async function checkBundleText(text) {
  const trimmed = text.trim();
  if (trimmed === '') return showError('请先粘贴证明包。· Paste a proof bundle first.');
  try {
    JSON.parse(trimmed);
  } catch {
    return showError('这不是 JSON：请粘贴完整的证明包文件。· That is not JSON: paste the whole bundle file.');
  }
  showBusy('正在核验证明包… · Checking the proof bundle…');
  try {
    renderBundle(await postJson('/api/v1/verify-bundle', trimmed));
  } catch (e) {
    showError(`无法核验证明包 · Could not check the bundle: ${e.message}`);
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
    const f = ev.dataTransfer?.files[0];
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

// courtbridge verification page. Plain ES module, no build step, no dependencies.
// Languages: zh-CN first, English available (the switch at the top; the default follows the
// browser's language, zh-CN when unsure). Every text a person reads is in TEXT below, in plain
// words for parties, clerks and judges; the verifier's technical wording stays under
// "technical detail".
// What the page shows as a record, a submitter or an anchoring time comes only from the
// gateway's `provenRecord` / `anchoredBy`, read from VERIFIED bytes, never from pasted JSON.
// Files are hashed HERE with WebCrypto (crypto.subtle.digest('SHA-256')): only the 32-byte
// fingerprint goes to the gateway, never the file. Results are written with textContent only
// (no innerHTML), so nothing in an answer can inject markup.

/**
 * Each check (src/verify/bundle-verify.ts, src/workflows/gateway/evidence-lookup.ts): what it
 * checks, what a failure means, and what passing / failing / not applying means for the reader.
 */
const CHECKS = {
  'zh-CN': {
    bundle_shape: {
      title: '证明文件完整、可以读取',
      failTitle: '证明文件残缺或格式有误',
      passed: '证明文件内容齐全，可以逐项核验。',
      failed: '证明文件残缺或已损坏，不能据此认定任何事实。请向出具方重新索取完整的证明文件。',
    },
    chain_admitted: {
      title: '记录所在的区块链是司法联盟认可的链',
      failTitle: '记录所在的区块链不是司法联盟认可的链',
      passed: '这条区块链已在司法联盟登记并获认可。',
      failed: '这条区块链不在司法联盟的登记名单中，其记录不能作为联盟认可的依据。',
      skipped: '本次核验没有载入联盟登记名单，无法确认这条链是否获认可。',
    },
    validator_set_hash: {
      title: '负责确认区块的记账节点名单与区块记载一致',
      failTitle: '记账节点名单与区块记载不一致',
      passed: '证明中列出的记账节点，正是区块自身载明的那一组。',
      failed: '证明中列出的记账节点与区块记载不符，证明文件可能被调换或篡改。',
      skipped: '这类区块链不以记账节点名单确认区块，此项不适用。',
    },
    anchored_trace: {
      title: '该区块可以追溯到联盟登记时认可的起点',
      failTitle: '该区块无法追溯到联盟认可的起点',
      passed: '从联盟登记这条链时认可的区块起，可以一步步追溯到本区块，中间没有断档。',
      failed: '无法从联盟认可的起点追溯到本区块，不能确认本区块出自获认可的链。',
      skipped: '这类区块链不需要追溯，此项不适用。',
    },
    validator_set_pinned: {
      title: '记账节点名单与您事先指定的名单一致',
      failTitle: '记账节点名单与您事先指定的名单不一致',
      passed: '区块由您事先指定的那一组记账节点确认。',
      failed: '确认区块的记账节点不是您事先指定的那一组。',
    },
    header_quorum: {
      title: '超过三分之二的记账节点共同确认了该区块',
      failTitle: '该区块没有得到足够多记账节点的确认，或确认后被改动过',
      passed: '该区块经足够多的记账节点共同确认，任何单个节点都无法伪造。',
      failed: '确认该区块的记账节点不足三分之二，或者区块内容在确认之后被改动过；不能据此认定任何事实。',
      skipped: '前面的检查未通过，因此没有进行这一项。',
    },
    commit_signatures: {
      title: '每个记账节点的确认签名都是真实的',
      failTitle: '有记账节点的确认签名是伪造的或已损坏',
      passed: '每一个确认签名都出自相应记账节点本人。',
      failed: '至少有一个确认签名不是相应记账节点签的，证明文件被篡改过。',
      skipped: '前面的检查未通过，因此没有进行这一项。',
    },
    header_trusted: {
      title: '本网关也认可该区块',
      failTitle: '本网关不认可该区块',
      passed: '本网关一直在跟踪这条链，认可这个区块。',
      failed: '本网关跟踪到的区块与证明中的不同。',
      skipped: '本次核验只依据证明文件本身，不需要网关的跟踪记录，不影响结论。',
    },
    header_binding: {
      title: '证明针对的正是这条记录、这个区块',
      failTitle: '证明中的记录或区块与答复不对应',
      passed: '答复所说的记录和区块，与证明中的完全对应。',
      failed: '答复所说的记录或区块与证明中的不一致，可能被调换过。',
    },
    state_proof: {
      title: '记录内容与区块中登记的完全一致',
      failTitle: '记录内容与区块中登记的不一致（记录被改动过）',
      passed: '记录的每一个字都与区块中登记的一致，没有被改动。',
      failed: '记录内容与区块中登记的不一致：记录在登记之后被改动过，不能作为依据。',
      skipped: '这条链的记录由联盟认可的机构作证，不需要这一项。',
    },
    attestations: {
      title: '联盟认可的机构为答复作证',
      failTitle: '作证机构的证明不成立',
      passed: '足够多的联盟认可机构签字确认了这份答复。',
      failed: '作证的机构不够，或者机构的签名不真实。',
      skipped: '这条链的记录由区块本身证明，不需要机构作证。',
    },
    receipt_binding: {
      title: '网关出具的回执与这份答复一一对应',
      failTitle: '网关回执缺失，或对应的不是这份答复',
      passed: '网关的回执正是为这份答复出具的，内容一字不差。',
      failed: '缺少网关回执，或者回执对应的是另一份答复。',
    },
    receipt_signature: {
      title: '回执由联盟登记的网关签发',
      failTitle: '回执的签名不真实，或签发者不是联盟登记的网关',
      passed: '回执上的签名出自联盟登记的网关。',
      failed: '回执的签名不真实，或者签发者不是联盟登记的网关。',
      skipped: '前面的检查未通过，因此没有进行这一项。',
    },
    anchor_claims: {
      title: '链上的存证记录登记的正是这个文件',
      failTitle: '链上的存证记录登记的是另一个文件',
      passed: '链上每一条相关存证记录都指向这个文件的指纹。',
      failed: '链上的存证记录指向另一个文件，不能证明这个文件已存证。',
    },
    submitter_signatures: {
      title: '存证人的签名是真实的',
      failTitle: '存证人的签名无法核实，或其身份已被注销',
      passed: '存证人用其在联盟登记的密钥签了名，签名时该密钥有效。',
      failed: '存证人的签名无法核实，或者其身份已被注销：不能确认是谁存的证。',
    },
    answer_consistency: {
      title: '网关的答复与其证明文件一致',
      failTitle: '网关的答复与其证明文件不一致（答复可能被篡改）',
      passed: '本页把网关的答复与证明文件逐项复核，二者一致。',
      failed: '网关答复中的送达信息与证明文件不符，或证明文件未通过核验：答复可能被篡改，不予显示。',
    },
    served_document_index: {
      title: '司法区块链上的送达文书索引登记的正是这份文书',
      failTitle: '送达文书索引登记的是另一份文书',
      passed: '链上这份文书的送达索引指向这个文件的指纹。',
      failed: '链上的送达索引指向另一份文书，不能据此认定这份文书已送达。',
    },
    service_document: {
      title: '送达记录送达的正是这份文书',
      failTitle: '送达记录送达的是另一份文书',
      passed: '送达记录中登记的文书指纹与这个文件一致。',
      failed: '送达记录中登记的是另一份文书，不能据此认定这份文书已送达。',
    },
    court_signature: {
      title: '送达法院的签名是真实的',
      failTitle: '送达法院的签名无法核实',
      passed: '送达记录由法院用其在联盟登记的密钥签名，签名时该密钥有效。',
      failed: '送达记录上法院的签名无法核实：不能确认是哪家法院送达的。',
      skipped: '这条送达记录登记较早，未保存法院的签名。',
    },
    recipient_signature: {
      title: '签收人是法院指定的受送达人，签名真实',
      failTitle: '签收签名无法核实，或签收人不是受送达人',
      passed: '签收回执由法院指定的受送达人本人签名，签名针对的正是这份文书。',
      failed: '签收回执的签名无法核实，或者签收人不是法院指定的受送达人：不能认定已签收。',
      skipped: '尚未签收，此项不适用。',
    },
  },
  en: {
    bundle_shape: {
      title: 'The proof file is complete and readable',
      failTitle: 'The proof file is incomplete or damaged',
      passed: 'Everything needed to check the proof is there.',
      failed:
        'The proof file is incomplete or damaged, so nothing can be established from it. Ask whoever gave it to you for a complete copy.',
    },
    chain_admitted: {
      title: 'The record comes from a blockchain the judicial alliance recognises',
      failTitle: 'The record comes from a blockchain the judicial alliance does not recognise',
      passed: 'This blockchain is registered with, and recognised by, the judicial alliance.',
      failed: 'This blockchain is not on the alliance register, so its records carry no alliance recognition.',
      skipped: 'The alliance register was not loaded for this check, so recognition of the chain could not be confirmed.',
    },
    validator_set_hash: {
      title: "The list of the chain's record keepers matches the block",
      failTitle: "The list of the chain's record keepers does not match the block",
      passed: 'The record keepers listed in the proof are exactly the ones the block itself names.',
      failed: 'The record keepers listed in the proof differ from the ones the block names: the proof may have been swapped or altered.',
      skipped: 'This kind of blockchain does not confirm blocks with a list of record keepers, so this does not apply.',
    },
    anchored_trace: {
      title: 'The block traces back to the starting point the alliance recognised',
      failTitle: 'The block does not trace back to the starting point the alliance recognised',
      passed: 'From the block the alliance recognised when it admitted the chain, every step leads to this block, with no gap.',
      failed: 'This block cannot be traced back to the recognised starting point, so it cannot be shown to come from the recognised chain.',
      skipped: 'This kind of blockchain needs no trace, so this does not apply.',
    },
    validator_set_pinned: {
      title: 'The record keepers are the ones you named in advance',
      failTitle: 'The record keepers are not the ones you named in advance',
      passed: 'The block was confirmed by the record keepers you named in advance.',
      failed: 'The block was not confirmed by the record keepers you named in advance.',
    },
    header_quorum: {
      title: "More than two thirds of the chain's record keepers confirmed the block",
      failTitle: 'The block was not confirmed by enough record keepers, or was changed after it was confirmed',
      passed: 'Enough record keepers confirmed this block together that no single one of them could have forged it.',
      failed:
        'Fewer than two thirds of the record keepers confirmed this block, or it was changed after they did. Nothing can be established from it.',
      skipped: 'Not checked, because an earlier check failed.',
    },
    commit_signatures: {
      title: "Every record keeper's confirmation signature is genuine",
      failTitle: "A record keeper's confirmation signature is forged or damaged",
      passed: 'Each confirmation signature was made by the record keeper it names.',
      failed: 'At least one confirmation signature was not made by the record keeper it names: the proof was tampered with.',
      skipped: 'Not checked, because an earlier check failed.',
    },
    header_trusted: {
      title: 'This gateway also recognises the block',
      failTitle: 'This gateway does not recognise the block',
      passed: 'This gateway follows the chain and recognises this block.',
      failed: 'The block this gateway followed differs from the one in the proof.',
      skipped: "This check relies on the proof file alone and needs no gateway's follow-up; it does not change the result.",
    },
    header_binding: {
      title: 'The proof is about this very record, in this very block',
      failTitle: 'The record or block in the proof does not match the answer',
      passed: 'The record and block the answer speaks of are exactly those in the proof.',
      failed: 'The record or block the answer speaks of differs from the one in the proof: it may have been swapped.',
    },
    state_proof: {
      title: 'The record is exactly as registered in the block',
      failTitle: 'The record differs from what the block registered (it was changed)',
      passed: 'Every character of the record matches what the block registered: it was not changed.',
      failed: 'The record differs from what the block registered: it was changed after it was registered. Do not rely on it.',
      skipped: "This chain's records are vouched for by agencies the alliance recognises, so this is not needed.",
    },
    attestations: {
      title: 'Agencies the alliance recognises vouch for the answer',
      failTitle: "The agencies' confirmation does not hold",
      passed: 'Enough agencies recognised by the alliance signed to confirm this answer.',
      failed: 'Too few agencies confirmed the answer, or an agency signature is not genuine.',
      skipped: "This chain's records are proven by the block itself; no agency needs to vouch for them.",
    },
    receipt_binding: {
      title: "The gateway's receipt is for exactly this answer",
      failTitle: "The gateway's receipt is missing, or is for another answer",
      passed: 'The receipt was issued for this very answer, word for word.',
      failed: 'The gateway receipt is missing, or it was issued for a different answer.',
    },
    receipt_signature: {
      title: 'The receipt was signed by a gateway registered with the alliance',
      failTitle: "The receipt's signature is not genuine, or its signer is not a registered gateway",
      passed: 'The signature on the receipt was made by a gateway registered with the alliance.',
      failed: "The receipt's signature is not genuine, or whoever signed it is not a gateway registered with the alliance.",
      skipped: 'Not checked, because an earlier check failed.',
    },
    anchor_claims: {
      title: 'The record on the chain names this very file',
      failTitle: 'The record on the chain names a different file',
      passed: "Every record on the chain for this file names this file's fingerprint.",
      failed: 'The record on the chain names a different file, so it does not show that this file was anchored.',
    },
    submitter_signatures: {
      title: "The submitter's signature is genuine",
      failTitle: "The submitter's signature cannot be confirmed, or the submitter's identity was revoked",
      passed: 'The submitter signed with the key registered with the alliance, and the key was valid when it signed.',
      failed:
        "The submitter's signature cannot be confirmed, or the submitter's identity was revoked: who anchored the file cannot be established.",
    },
    answer_consistency: {
      title: "The gateway's answer agrees with its proof file",
      failTitle: "The gateway's answer disagrees with its proof file (the answer may have been tampered with)",
      passed: "This page re-checked the gateway's answer against the proof file, item by item: they agree.",
      failed:
        "The service details in the gateway's answer do not match the proof file, or the proof file did not verify: the answer may have been tampered with and is not shown.",
    },
    served_document_index: {
      title: "The judicial chain's index of served documents names this very document",
      failTitle: 'The index of served documents names a different document',
      passed: "The chain's service index for this document names this file's fingerprint.",
      failed: 'The service index on the chain names a different document, so it does not show that this document was served.',
    },
    service_document: {
      title: 'The service record served this very document',
      failTitle: 'The service record served a different document',
      passed: "The document fingerprint in the service record is this file's.",
      failed: 'The service record names a different document, so it does not show that this document was served.',
    },
    court_signature: {
      title: "The serving court's signature is genuine",
      failTitle: "The serving court's signature cannot be confirmed",
      passed: 'The court signed the service record with the key registered with the alliance, valid when it signed.',
      failed: "The court's signature on the service record cannot be confirmed: which court served it cannot be established.",
      skipped: "This service was recorded before the court's signature was kept.",
    },
    recipient_signature: {
      title: 'The receipt was signed by the recipient the court named, and the signature is genuine',
      failTitle: 'The receipt signature cannot be confirmed, or the signer is not the recipient',
      passed: 'The receipt was signed by the very recipient the court named, over this document.',
      failed:
        'The receipt signature cannot be confirmed, or whoever signed it is not the recipient the court named: do not treat it as received.',
      skipped: 'Not received yet, so this does not apply.',
    },
  },
};

/** Every other text a person reads, by language. */
const TEXT = {
  'zh-CN': {
    static: {
      docTitle: '司法存证核验 — courtbridge',
      skip: '跳到核验结果',
      heading: '司法存证核验',
      intro: '自行核验证据、调解协议或送达文书是否已在司法区块链上存证、何时由谁存证，以及证明文件是否真实可靠。',
      fileHeading: '1. 核验文件',
      privacyStrong: '文件不会上传。',
      privacyRest: '浏览器在您的电脑上为文件计算一个“指纹”（SHA-256 哈希值），只把这个指纹发出去查询。',
      fileLabel: '选择或拖入文件',
      bundleHeading: '2. 核验证明文件',
      bundleIntro:
        '粘贴证明文件的内容（本页“保存证明文件”得到的文件，或 courtbridge query --out 生成的文件），或直接选择该文件。只核验和显示文件中经过签名保护的部分；文件里任何可以直接阅读、随意修改的副本一律忽略。',
      bundleTextLabel: '证明文件内容（JSON）',
      bundleFileLabel: '或选择证明文件',
      bundleCheck: '核验',
      serviceHeading: '3. 核验送达文书',
      serviceIntro:
        '选择或拖入收到的法院文书（传票、判决书等），查看它是否经法院送达、何时以何种方式送达、是否已签收。文件同样不会上传，只发送其指纹。',
      serviceLabel: '选择或拖入送达文书',
      resultHeading: '核验结果',
      nothingYet: '尚未核验。',
      footer:
        '核验在网关上进行，使用的核验程序与 courtbridge verify 命令相同；保存下来的证明文件也可以离线复核。显示的记录内容均来自已核验的数据；时间为北京时间，金额以元为单位。',
      langNav: '语言',
    },
    outcome: { passed: '通过', failed: '未通过', skipped: '不适用' },
    mark: { passed: '✓', failed: '✗', skipped: '–' },
    technical: '技术细节（供技术人员核对）',
    techCheck: '检查项',
    techReason: '原因代码',
    techDetail: '说明（英文）',
    copy: '复制',
    copied: '已复制',
    copyLabel: (what) => `复制${what}`,
    timeZone: '北京时间',
    timeLabel: (clock) => `${clock} 北京时间`,
    verdictValid: (n) => `全部 ${n} 项适用的检查均已通过。`,
    verdictInvalid: (n, names) => `有 ${n} 项检查未通过：${names.join('；')}。`,
    verdictUndecided: '没有检查未通过，但有事项无法确定（见标为“不适用”的检查）。',
    file: '文件',
    fingerprint: '文件指纹（SHA-256）',
    anchoredTitle: '已存证',
    anchoredGood: '这个文件与司法区块链上登记的文件完全相同，登记记录经核验属实。',
    anchoredBad: '链上显示登记过这个文件，但证明未通过核验：请勿以此为依据。',
    notAnchoredTitle: '未存证',
    notAnchoredText:
      '司法区块链上没有这个文件的存证。哪怕只改动一个字，文件的指纹也会完全不同，所以改动过的文件查不到。区块链对“没有存证”也给出了证明，见下方各项检查。',
    pendingTitle: '处理中',
    pendingText: '存证已提交，尚未写入区块，请稍后再查。',
    submitter: '存证人',
    submitterOrgUnknown: '（未在司法联盟登记的机构）',
    anchoredAt: '存证时间',
    anchoredAtNote: '写入司法区块链的时间，由区块记载',
    signedAt: '存证人签名时间',
    kind: '存证类型',
    kinds: { evidence: '证据', case_file: '卷宗', served_document: '送达文书' },
    title: '标题',
    caseId: '案号',
    metadata: '存证人登记的说明',
    metadataNames: { media_type: '文件格式' },
    notShownBecause: '存证人和存证时间不予显示：证明未通过核验，未经核验的信息不作为事实展示。',
    provenAt: '证明所依据的区块',
    provenAtText: (chain, height, time) => `${chain} 链，第 ${height} 号区块，出块时间 ${time}`,
    download: '保存证明文件（可用 courtbridge verify 离线复核）',
    bundleValid: '证明成立',
    bundleValidText: '所有适用的检查均已通过，下面的记录内容经核验属实。',
    bundleInvalid: '证明不成立',
    bundleInvalidText: '至少有一项检查未通过（已用红色标出），因此不显示任何记录内容。',
    bundleUndecided: '无法完全确定',
    bundleUndecidedText: '没有检查未通过，但有事项无法判定，因此不显示任何记录内容。',
    readableIgnored: '注意：文件中的可读部分 (bundle) 未经核验，已忽略；以下内容均来自经过签名保护的数据（protobuf 字节）。',
    provenHeading: '经核验的记录',
    provenNone: '不显示任何记录内容',
    recordType: '记录类型',
    chain: '区块链',
    key: '记录编号',
    block: '区块',
    blockText: (height, time) => `第 ${height} 号区块，出块时间 ${time}`,
    headerHash: '区块指纹',
    answer: '结论',
    absent: '经证明，该区块中不存在这条记录。',
    version: '公证版本',
    versionText: (version) => `数据库第 ${version} 版（公证机构读取记录时的版本），读取时间 `,
    recordDigest: '公证记录指纹',
    absentVersion: '经证明，该版本中不存在这条记录。',
    note: '注意',
    valueHex: '记录原始数据（十六进制）',
    claimed: '证明文件自称（未经证明，仅供排查）',
    busyHash: (name) => `正在您的电脑上计算 ${name} 的指纹……`,
    hashLine: (name) => `${name} 的指纹（SHA-256）：`,
    busyAsk: '正在查询司法区块链……',
    busyBundle: '正在核验证明文件……',
    errFile: '无法核验文件：',
    errBundle: '无法核验证明文件：',
    errEmpty: '请先粘贴证明文件的内容。',
    errNotJson: '这不是完整的证明文件（JSON 格式有误）：请粘贴整个文件的内容。',
    errNoJson: (s) => `网关返回了 ${s}，但不是可以读取的答复。请稍后重试。`,
    errStatus: (s) => `网关返回了 ${s}。请稍后重试。`,
    servedTitle: '已送达',
    servedGood: '这份文书经法院送达，送达记录登记在司法区块链上，经核验属实。',
    servedBad: '链上显示这份文书有送达记录，但至少一条记录未通过核验：未通过核验的记录不予显示，请勿以此为依据。',
    notServedTitle: '未找到送达记录',
    notServedText:
      '司法区块链上没有这份文书的送达记录。哪怕只改动一个字，文件的指纹也会完全不同，所以改动过的文书查不到。区块链对“没有记录”也给出了证明，见下方各项检查。',
    notServedBad: '没有找到送达记录，但“没有记录”的证明未通过核验，请稍后重试。',
    serviceHeading: (n) => `送达记录 ${n}`,
    serviceId: '送达编号',
    serviceCourt: '送达法院',
    serviceChannel: '送达方式',
    channels: { electronic: '电子送达', postal: '邮寄送达', in_person: '直接送达', publication: '公告送达' },
    servedAt: '送达时间',
    recordedAt: '上链时间',
    recordedAtNote: '写入司法区块链的时间，由区块记载',
    receipt: '签收情况',
    received: '已签收',
    receivedBy: '签收人',
    receivedAt: '签收时间',
    receivedNote: '签名已核验：签收人是法院指定的受送达人',
    notReceived: '未签收',
    serviceNotShown: '这条送达记录未通过核验，不显示其内容（法院、时间、签收情况均不作为事实展示）。',
    indexHeading: '送达文书索引的证明',
    errService: '无法核验送达文书：',
    busyService: '正在查询这份文书的送达记录……',
    errReasons: {
      service_lookup_unavailable: '本网关暂时无法查询送达记录，请稍后重试或联系网关管理员。',
      bundle_json_malformed: '这不是本系统出具的证明文件，或文件已损坏。请粘贴完整的证明文件，或向出具方重新索取。',
      body_not_json: '这不是完整的证明文件（JSON 格式有误）：请粘贴整个文件的内容。',
      body_too_large: '文件太大，不是证明文件。请确认选择的是证明文件（通常只有几千字节）。',
      hash_malformed: '文件指纹有误，请重新选择文件。',
      evidence_unavailable: '本网关暂时无法查询存证，请稍后重试或联系网关管理员。',
    },
  },
  en: {
    static: {
      docTitle: 'Verify court evidence — courtbridge',
      skip: 'Skip to the result',
      heading: 'Verify court evidence',
      intro:
        'Check for yourself whether a piece of evidence, a mediation agreement or a served document is anchored on the judicial blockchain, when and by whom, and whether a proof file holds up.',
      fileHeading: '1. Check a file',
      privacyStrong: 'Your file is not uploaded.',
      privacyRest:
        'Your browser computes a "fingerprint" of the file (its SHA-256 hash) on your computer, and sends only that fingerprint to ask.',
      fileLabel: 'Choose a file, or drop it here',
      bundleHeading: '2. Check a proof file',
      bundleIntro:
        'Paste the contents of a proof file (saved from this page with "Save the proof file", or written by courtbridge query --out), or choose the file. Only the signature-protected part of the file is checked and shown; any readable copy in it, which anyone could edit, is ignored.',
      bundleTextLabel: 'Proof file contents (JSON)',
      bundleFileLabel: 'or choose a proof file',
      bundleCheck: 'Check',
      serviceHeading: '3. Check a served court document',
      serviceIntro:
        'Choose or drop a court document you received (a summons, a judgment…) to see whether a court served it, when and how, and whether its receipt was signed. The file is not uploaded either: only its fingerprint is sent.',
      serviceLabel: 'Choose a served document, or drop it here',
      resultHeading: 'Result',
      nothingYet: 'Nothing checked yet.',
      footer:
        'Checks run on the gateway with the same checker as the courtbridge verify command; a saved proof file can also be re-checked offline. Records shown come only from verified data; times are Beijing time, amounts in yuan (元).',
      langNav: 'Language',
    },
    outcome: { passed: 'Passed', failed: 'Failed', skipped: 'Not applicable' },
    mark: { passed: '✓', failed: '✗', skipped: '–' },
    technical: 'Technical detail (for specialists)',
    techCheck: 'Check',
    techReason: 'Reason code',
    techDetail: 'Detail',
    copy: 'Copy',
    copied: 'Copied',
    copyLabel: (what) => `Copy ${what}`,
    timeZone: 'Beijing time',
    timeLabel: (clock) => `${clock} Beijing time (UTC+8)`,
    verdictValid: (n) => `All ${n} applicable checks passed.`,
    verdictInvalid: (n, names) => `${n} ${n === 1 ? 'check' : 'checks'} failed: ${names.join('; ')}.`,
    verdictUndecided: 'No check failed, but something could not be decided (see the checks marked "Not applicable").',
    file: 'File',
    fingerprint: 'File fingerprint (SHA-256)',
    anchoredTitle: 'Anchored',
    anchoredGood: 'This exact file is registered on the judicial blockchain, and the registration checks out.',
    anchoredBad: 'The chain lists this file, but its proof did not check out: do not rely on it.',
    notAnchoredTitle: 'Not anchored',
    notAnchoredText:
      'This file is not registered on the judicial blockchain. Changing even one character gives a completely different fingerprint, so an altered file is not found. The blockchain also proves the absence: see the checks below.',
    pendingTitle: 'Pending',
    pendingText: 'The anchoring was submitted but is not in a block yet; check again in a moment.',
    submitter: 'Anchored by',
    submitterOrgUnknown: '(not an organisation registered with the judicial alliance)',
    anchoredAt: 'Anchored at',
    anchoredAtNote: 'when it was written to the judicial blockchain, as the block records it',
    signedAt: 'Signed by the submitter at',
    kind: 'Kind',
    kinds: { evidence: 'evidence', case_file: 'case file', served_document: 'served document' },
    title: 'Title',
    caseId: 'Case number',
    metadata: "The submitter's description",
    metadataNames: { media_type: 'File format' },
    notShownBecause:
      'Who anchored the file and when are not shown: the proof did not check out, and unverified information is never shown as fact.',
    provenAt: 'Block the proof rests on',
    provenAtText: (chain, height, time) => `${chain} chain, block ${height}, made at ${time}`,
    download: 'Save the proof file (re-check it offline with courtbridge verify)',
    bundleValid: 'The proof holds',
    bundleValidText: 'Every applicable check passed; the record below is verified.',
    bundleInvalid: 'The proof does NOT hold',
    bundleInvalidText: 'At least one check failed (marked in red), so no record is shown.',
    bundleUndecided: 'Could not be fully decided',
    bundleUndecidedText: 'No check failed, but something could not be decided, so no record is shown.',
    readableIgnored:
      'Note: the readable part of this file (bundle) is not verified and was ignored; everything shown comes from the signature-protected data (the protobuf bytes).',
    provenHeading: 'Verified record',
    provenNone: 'No record is shown',
    recordType: 'Record type',
    chain: 'Blockchain',
    key: 'Record number',
    block: 'Block',
    blockText: (height, time) => `block ${height}, made at ${time}`,
    headerHash: 'Block fingerprint',
    answer: 'Answer',
    absent: 'It is proven that this record does not exist in this block.',
    version: 'Notarized version',
    versionText: (version) => `database version ${version} (as the notaries read the record), read at `,
    recordDigest: 'Notarized record fingerprint',
    absentVersion: 'It is proven that this record does not exist at this version.',
    note: 'Note',
    valueHex: 'Raw record data (hexadecimal)',
    claimed: 'What the proof file claims (not proven; for troubleshooting only)',
    busyHash: (name) => `Computing the fingerprint of ${name} on your computer…`,
    hashLine: (name) => `Fingerprint (SHA-256) of ${name}: `,
    busyAsk: 'Asking the judicial blockchain…',
    busyBundle: 'Checking the proof file…',
    errFile: 'Could not check the file: ',
    errBundle: 'Could not check the proof file: ',
    errEmpty: 'Paste the contents of a proof file first.',
    errNotJson: 'That is not a complete proof file (the JSON is malformed): paste the whole file.',
    errNoJson: (s) => `The gateway answered ${s} with something unreadable. Try again in a moment.`,
    errStatus: (s) => `The gateway answered ${s}. Try again in a moment.`,
    servedTitle: 'Served',
    servedGood: 'A court served this document; the service is recorded on the judicial blockchain and the record checks out.',
    servedBad:
      'The chain shows a service of this document, but at least one record did not verify: records that did not verify are not shown. Do not rely on them.',
    notServedTitle: 'No service of this document',
    notServedText:
      'The judicial blockchain holds no service of this document. Changing even one character gives a completely different fingerprint, so an altered document is not found. The blockchain proves that there is no record too; see the checks below.',
    notServedBad: 'No service was found, but the proof that there is none did not verify; try again later.',
    serviceHeading: (n) => `Service ${n}`,
    serviceId: 'Service id',
    serviceCourt: 'Serving court',
    serviceChannel: 'How it was served',
    channels: { electronic: 'electronic service', postal: 'by post', in_person: 'in person', publication: 'by public notice' },
    servedAt: 'Served at',
    recordedAt: 'Recorded at',
    recordedAtNote: 'when it was written on the judicial blockchain, as the block records',
    receipt: 'Receipt',
    received: 'Received',
    receivedBy: 'Signed by',
    receivedAt: 'Received at',
    receivedNote: 'signature verified: the signer is the recipient the court named',
    notReceived: 'Not received yet',
    serviceNotShown: 'This service record did not verify, so nothing of it is shown (court, times and receipt are not presented as facts).',
    indexHeading: 'Proof of the index of served documents',
    errService: 'Could not check the served document: ',
    busyService: 'Looking up the services of this document…',
    errReasons: {
      service_lookup_unavailable:
        'This gateway cannot look up served documents at the moment; try again later or contact its administrator.',
      bundle_json_malformed:
        'This is not a proof file issued by this system, or it is damaged. Paste the whole proof file, or ask whoever issued it for a new copy.',
      body_not_json: 'That is not a complete proof file (the JSON is malformed): paste the whole file.',
      body_too_large: 'That file is too large to be a proof file. Check that you chose the proof file (usually a few kilobytes).',
      hash_malformed: 'The file fingerprint is malformed; choose the file again.',
      evidence_unavailable: 'This gateway cannot look up anchored files at the moment; try again later or contact its administrator.',
    },
  },
};

const LANGS = ['zh-CN', 'en'];
const STORED_LANG = 'courtbridge.lang';

/** The language remembered from the switch, else the browser's: English when it prefers English to Chinese, zh-CN otherwise (also when unsure). */
function defaultLang() {
  try {
    const saved = localStorage.getItem(STORED_LANG);
    if (LANGS.includes(saved)) return saved;
  } catch {
    // storage may be disabled; fall through to the browser's preference
  }
  // The first of the browser's languages the page has decides; none of them: zh-CN.
  const prefs = navigator.languages?.length ? navigator.languages : [navigator.language ?? ''];
  const known = prefs.find((l) => /^(zh|en)\b/i.test(l));
  return known !== undefined && /^en\b/i.test(known) ? 'en' : 'zh-CN';
}

let lang = 'zh-CN';
const T = () => TEXT[lang];
/** The last thing shown, so switching language redraws it. */
let last = null;

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

/** A time on the Beijing clock (UTC+8 all year, so a fixed offset is exact), e.g. 2026-03-14 17:30:00 北京时间. */
function when(ms) {
  if (typeof ms !== 'number' || !(ms > 0)) return null;
  const clock = new Date(ms + 8 * 3_600_000).toISOString().slice(0, -5).replace('T', ' ');
  return el('time', { datetime: new Date(ms).toISOString() }, T().timeLabel(clock));
}

/** An identifier shown whole (hash, DID, key), selectable, with a copy button. */
function copyable(text, attrs = {}, what = '') {
  const value = el('span', { class: 'mono', ...attrs }, text);
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': T().copyLabel(what), 'data-label': T().copy });
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.dataset.label = T().copied;
    } catch {
      // no clipboard (insecure context): select the text so the person copies it by hand
      const range = document.createRange();
      range.selectNodeContents(value);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
  });
  return el('span', { class: 'copyable' }, value, button);
}

function show(...nodes) {
  resultBody().replaceChildren(...nodes);
  $('result').focus({ preventScroll: false });
}

function showError(message) {
  last = null;
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
    throw new Error(T().errNoJson(res.status));
  }
  if (!res.ok) {
    const e = data?.error;
    const plain = e ? T().errReasons[e.reason] : undefined;
    // The gateway's own message stays after the plain one, for whoever helps the person.
    throw new Error(e ? `${plain ?? ''}${plain ? ' ' : ''}(${e.message} [${e.reason}])` : T().errStatus(res.status));
  }
  return data;
}

const checkText = (c) =>
  CHECKS[lang][c.name] ?? { title: c.name, failTitle: c.name, passed: '', failed: c.detail || '', skipped: c.detail || '' };

/** A skipped check's plain explanation: its own, or why it did not run. */
function skippedText(c, t) {
  if (c.reason === 'earlier_check_failed') return CHECKS[lang].header_quorum.skipped;
  return t.skipped ?? (lang === 'en' ? 'This does not apply to this proof.' : '此项不适用于这份证明。');
}

function checksList(checks) {
  const list = el('ul', { class: 'checks', 'data-testid': 'checks' });
  for (const c of checks) {
    const t = checkText(c);
    const meaning = c.outcome === 'passed' ? t.passed : c.outcome === 'failed' ? t.failed : skippedText(c, t);
    const tech = el(
      'details',
      {},
      el('summary', {}, T().technical),
      el('p', {}, `${T().techCheck}: `, el('code', {}, c.name)),
      c.reason ? el('p', {}, `${T().techReason}: `, el('code', { 'data-testid': 'reason' }, c.reason)) : null,
      c.detail ? el('p', {}, `${T().techDetail}: ${c.detail}`) : null,
    );
    list.append(
      el(
        'li',
        { 'data-check': c.name, 'data-outcome': c.outcome },
        el('span', { class: 'mark', 'aria-hidden': 'true' }, T().mark[c.outcome] ?? '?'),
        ' ',
        el('span', { class: 'outcome' }, T().outcome[c.outcome] ?? c.outcome),
        ' ',
        el('span', { class: 'title' }, c.outcome === 'failed' ? t.failTitle : t.title),
        meaning ? el('p', { class: 'meaning' }, meaning) : null,
        tech,
      ),
    );
  }
  return list;
}

function verdictLine(verdict, checks) {
  const failed = checks.filter((c) => c.outcome === 'failed');
  const passed = checks.filter((c) => c.outcome === 'passed').length;
  const attrs = { 'data-testid': 'verdict', 'data-verdict': verdict };
  if (verdict === 'valid') return el('p', attrs, T().verdictValid(passed));
  if (verdict === 'invalid')
    return el(
      'p',
      { ...attrs, class: 'error' },
      T().verdictInvalid(
        failed.length,
        failed.map((c) => checkText(c).failTitle),
      ),
    );
  return el('p', attrs, T().verdictUndecided);
}

function downloadLink(bundleFile, name, testid = 'download-bundle') {
  const blob = new Blob([`${JSON.stringify(bundleFile, null, 2)}\n`], { type: 'application/json' });
  return el('a', { class: 'download', href: URL.createObjectURL(blob), download: name, 'data-testid': testid }, T().download);
}

function banner(kind, status, title, text) {
  return el('div', { class: `banner ${kind}`, 'data-testid': 'status', 'data-status': status }, title, el('small', {}, text));
}

/** Who anchored the file and when: only what the gateway read from the verified anchor record. */
function anchoredByFacts(facts, a) {
  const t = T();
  const who = el('dd', { 'data-testid': 'anchored-by' });
  who.append(
    el('span', { class: 'org', 'data-testid': 'submitter-org' }, a.submitterOrg ?? t.submitterOrgUnknown),
    el('br'),
    copyable(a.submitterDid, { 'data-testid': 'submitter' }, t.submitter),
  );
  facts.append(el('dt', {}, t.submitter), who);
  facts.append(
    el('dt', {}, t.anchoredAt),
    el('dd', { 'data-testid': 'anchored-at' }, when(a.anchoredAtMs), el('small', { class: 'muted' }, ` (${t.anchoredAtNote})`)),
  );
  if (typeof a.signedAtMs === 'number')
    facts.append(el('dt', {}, t.signedAt), el('dd', { 'data-testid': 'signed-at' }, when(a.signedAtMs)));
  facts.append(el('dt', {}, t.kind), el('dd', {}, t.kinds[a.kind] ?? a.kind));
  if (a.title && a.title !== 'untitled') facts.append(el('dt', {}, t.title), el('dd', { 'data-testid': 'anchor-title' }, a.title));
  if (a.caseId) facts.append(el('dt', {}, t.caseId), el('dd', {}, copyable(a.caseId, {}, t.caseId)));
  const meta = (a.metadata ?? []).filter((m) => m.name !== 'case_id' && m.name !== 'title' && m.name !== 'kind');
  for (const m of meta) facts.append(el('dt', {}, t.metadataNames[m.name] ?? `${t.metadata}: ${m.name}`), el('dd', {}, m.value));
}

/** The facts list of a dropped file: its name and its SHA-256 fingerprint (evidence and served documents alike). */
function fileFacts(t, fileName, sha256) {
  return el(
    'dl',
    { class: 'facts' },
    el('dt', {}, t.file),
    el('dd', {}, fileName),
    el('dt', {}, t.fingerprint),
    el('dd', {}, copyable(sha256, { 'data-testid': 'sha256' }, t.fingerprint)),
  );
}

function renderEvidence(r, fileName) {
  last = { kind: 'evidence', r, fileName };
  const t = T();
  const facts = fileFacts(t, fileName, r.sha256);
  let top;
  const valid = r.verdict === 'valid';
  if (r.status === 'anchored') {
    top = banner(valid ? 'good' : 'bad', r.status, t.anchoredTitle, valid ? t.anchoredGood : t.anchoredBad);
    if (r.anchoredBy) anchoredByFacts(facts, r.anchoredBy);
    else facts.append(el('dt', {}, t.submitter), el('dd', { 'data-testid': 'anchored-by-not-shown', class: 'muted' }, t.notShownBecause));
  } else if (r.status === 'not_anchored') {
    top = banner('bad', r.status, t.notAnchoredTitle, t.notAnchoredText);
  } else {
    top = banner('neutral', r.status, t.pendingTitle, t.pendingText);
  }
  if (r.provenAt && valid) {
    facts.append(
      el('dt', {}, t.provenAt),
      el('dd', { 'data-testid': 'proven-at' }, t.provenAtText(r.provenAt.chainId, r.provenAt.height, ''), when(r.provenAt.timeMs)),
    );
  }
  const parts = [top, facts, verdictLine(r.verdict, r.checks), checksList(r.checks)];
  if (r.bundleFile) parts.push(downloadLink(r.bundleFile, `proof-${r.sha256}.json`));
  // The anchor points into its signed batch: that record's proof is needed to check it offline.
  if (r.batchBundleFile) parts.push(downloadLink(r.batchBundleFile, `proof-${r.sha256}-batch.json`, 'download-batch-bundle'));
  show(...parts);
}

const IDENTIFIER_FORMATS = ['person_hash', 'hash', 'id', 'did'];

/** The record the bundle proves, decoded by the gateway from the verified bytes (src/verify/proven-record.ts); only a valid verdict shows one. */
function provenSection(p) {
  const t = T();
  const pick = (label) => (lang === 'en' ? label.en : label.zh);
  const box = el('section', {
    class: 'proven',
    'data-testid': 'proven',
    'data-shown': p ? p.shown : 'nothing',
    'aria-labelledby': 'proven-h',
  });
  box.append(el('h3', { id: 'proven-h' }, t.provenHeading));
  if (!p || p.shown === 'nothing') {
    box.append(el('p', { class: 'muted', 'data-testid': 'proven-none' }, p ? pick(p.why) : t.provenNone));
    return box;
  }
  const facts = el('dl', { class: 'facts' });
  const row = (name, value, attrs = {}) => facts.append(el('dt', {}, name), el('dd', attrs, value));
  row(t.recordType, pick(p.typeLabel), { 'data-testid': 'proven-type' });
  row(t.chain, p.chainId);
  row(t.key, copyable(p.key, { 'data-testid': 'proven-key' }, t.key));
  // A notary chain is a database: its record is proven at the version its notaries signed, not in a block.
  const notarized = p.at.of === 'notarized_version';
  if (notarized) row(t.version, t.versionText(p.at.height), { 'data-testid': 'proven-block' });
  else row(t.block, t.blockText(p.at.height, ''), { 'data-testid': 'proven-block' });
  facts.lastChild.append(when(p.at.timeMs));
  const hashName = notarized ? t.recordDigest : t.headerHash;
  row(hashName, copyable(p.at.headerHash, {}, hashName));
  if (p.shown === 'absence') {
    row(t.answer, notarized ? t.absentVersion : t.absent, { 'data-testid': 'proven-absent' });
  } else if (p.decoded.ok) {
    for (const f of p.decoded.fields) {
      const name = pick(f.label);
      const attrs = { 'data-path': f.path, 'data-format': f.format };
      if (f.format === 'time' && typeof f.timeMs === 'number') row(name, when(f.timeMs), attrs);
      else if (IDENTIFIER_FORMATS.includes(f.format) && (f.plain === undefined || pick(f.plain) === f.text)) {
        const dd = el('dd', attrs, copyable(f.text, { 'data-testid': 'proven-id' }, name));
        if (f.org) dd.prepend(el('span', { class: 'org' }, f.org), el('br'));
        facts.append(el('dt', {}, name), dd);
        // the cell's text is the identifier itself, whole: what a person copies
        dd.dataset.value = f.text;
      } else row(name, f.plain ? pick(f.plain) : f.text, attrs);
    }
  } else {
    row(t.note, pick(p.decoded.why), { 'data-testid': 'proven-undecoded' });
    row(t.valueHex, copyable(p.valueHex, { 'data-testid': 'proven-hex' }, t.valueHex));
  }
  box.append(facts);
  return box;
}

function renderBundle(r) {
  last = { kind: 'bundle', r };
  const t = T();
  const good = r.verdict === 'valid';
  const top =
    r.verdict === 'valid'
      ? banner('good', 'bundle_valid', t.bundleValid, t.bundleValidText)
      : r.verdict === 'invalid'
        ? banner('bad', 'bundle_invalid', t.bundleInvalid, t.bundleInvalidText)
        : banner('neutral', `bundle_${r.verdict}`, t.bundleUndecided, t.bundleUndecidedText);
  const parts = [top];
  if (r.readablePart === 'ignored') parts.push(el('p', { class: 'note', 'data-testid': 'readable-ignored' }, t.readableIgnored));
  parts.push(provenSection(r.provenRecord));
  if (!good && r.subject) {
    // What the bundle claims, labelled as unproven: useful to know what failed, never shown as a fact.
    const claimed = el('dl', { class: 'facts claimed', 'data-testid': 'claimed' });
    claimed.append(
      el('dt', {}, t.claimed),
      el('dd', { class: 'mono' }, `${r.subject.chainId} · ${r.subject.key} (${r.subject.recordType})`),
    );
    parts.push(claimed);
  }
  parts.push(verdictLine(r.verdict, r.checks), checksList(r.checks));
  show(...parts);
}

/** One service of the document: what the gateway read from its verified record, or nothing when it did not verify. */
function serviceSection(s, n) {
  const t = T();
  const box = el('section', {
    class: 'service',
    'data-testid': 'service',
    'data-service-id': s.serviceId,
    'data-verdict': s.verdict,
    'aria-labelledby': `service-h-${n}`,
  });
  box.append(el('h3', { id: `service-h-${n}` }, t.serviceHeading(n)));
  const facts = el('dl', { class: 'facts' });
  facts.append(el('dt', {}, t.serviceId), el('dd', {}, copyable(s.serviceId, { 'data-testid': 'service-id' }, t.serviceId)));
  const v = s.verdict === 'valid' ? s.service : undefined;
  if (v === undefined) {
    facts.append(el('dt', {}, t.note), el('dd', { class: 'error', 'data-testid': 'service-not-shown' }, t.serviceNotShown));
  } else {
    const court = el('dd', { 'data-testid': 'service-court' });
    if (v.courtOrg) court.append(el('span', { class: 'org', 'data-testid': 'service-court-org' }, v.courtOrg), el('br'));
    court.append(copyable(v.court, {}, t.serviceCourt));
    facts.append(el('dt', {}, t.caseId), el('dd', { 'data-testid': 'service-case' }, v.caseId));
    facts.append(el('dt', {}, t.serviceCourt), court);
    facts.append(el('dt', {}, t.serviceChannel), el('dd', { 'data-testid': 'service-channel' }, t.channels[v.channel] ?? v.channel));
    facts.append(el('dt', {}, t.servedAt), el('dd', { 'data-testid': 'service-served-at' }, when(v.servedAtMs)));
    facts.append(el('dt', {}, t.recordedAt), el('dd', {}, when(v.recordedAtMs), el('small', { class: 'muted' }, ` (${t.recordedAtNote})`)));
    const receipt = el('dd', { 'data-testid': 'service-receipt', 'data-receipt': v.receipt.status });
    if (v.receipt.status === 'received') {
      receipt.append(
        el('strong', {}, t.received),
        el('br'),
        `${t.receivedBy}: `,
        copyable(v.receipt.signerDid, { 'data-testid': 'service-receipt-signer' }, t.receivedBy),
        el('br'),
        `${t.receivedAt}: `,
        when(v.receipt.receivedAtMs),
        el('br'),
        el('small', { class: 'muted' }, t.receivedNote),
      );
    } else receipt.append(el('strong', {}, t.notReceived));
    facts.append(el('dt', {}, t.receipt), receipt);
  }
  box.append(facts, verdictLine(s.verdict, s.checks), checksList(s.checks));
  if (s.bundleFile) box.append(downloadLink(s.bundleFile, `service-${s.serviceId}.json`));
  return box;
}

function renderService(r, fileName) {
  last = { kind: 'service', r, fileName };
  const t = T();
  const facts = fileFacts(t, fileName, r.sha256);
  const valid = r.verdict === 'valid';
  const parts = [];
  if (r.status === 'served') {
    parts.push(
      banner(valid ? 'good' : 'bad', valid ? 'served' : 'served_invalid', t.servedTitle, valid ? t.servedGood : t.servedBad),
      facts,
    );
    for (const [i, s] of r.services.entries()) parts.push(serviceSection(s, i + 1));
  } else {
    const proven = r.index.verdict === 'valid';
    parts.push(
      banner('bad', proven ? 'not_served' : 'not_served_unproven', t.notServedTitle, proven ? t.notServedText : t.notServedBad),
      facts,
    );
  }
  const index = el('section', { class: 'index', 'data-testid': 'service-index', 'aria-labelledby': 'index-h' });
  index.append(el('h3', { id: 'index-h' }, t.indexHeading), verdictLine(r.index.verdict, r.index.checks), checksList(r.index.checks));
  if (r.index.bundleFile) index.append(downloadLink(r.index.bundleFile, `served-document-${r.sha256}.json`));
  parts.push(index);
  show(...parts);
}

/** The record a re-verified bundle proves, as the chain stores it (canonical JSON), when it proves `key`; else undefined. */
function provenValue(b, key) {
  const p = b?.provenRecord;
  if (b?.verdict !== 'valid' || p?.shown !== 'record' || p.key !== key) return undefined;
  try {
    const bytes = new Uint8Array(p.valueHex.match(/../g).map((h) => Number.parseInt(h, 16)));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Re-verify each service's proof file (the bytes a party saves) through /api/v1/verify-bundle and
 * check that the answer's service details are what that proof holds, for this file's fingerprint
 * computed here: a service is shown only when both agree (`answer_consistency`).
 */
async function crossCheck(r, digest) {
  for (const s of r.services) {
    const b = s.bundleFile ? await postJson('/api/v1/verify-bundle', s.bundleFile) : undefined;
    const rec = provenValue(b, `service/${s.serviceId}`);
    const v = s.service;
    const agrees =
      rec !== undefined &&
      v !== undefined &&
      rec.serviceId === s.serviceId &&
      rec.documentHash === digest &&
      rec.caseId === v.caseId &&
      rec.court === v.court &&
      rec.receipt?.status === v.receipt?.status &&
      (rec.receipt.status !== 'received' || (rec.receipt.signer === v.receipt.kid && rec.receipt.receivedAtMs === v.receipt.receivedAtMs));
    s.checks = [
      ...s.checks,
      {
        name: 'answer_consistency',
        outcome: agrees || s.verdict !== 'valid' ? (agrees ? 'passed' : 'skipped') : 'failed',
        reason: agrees || s.verdict !== 'valid' ? '' : 'answer_mismatch',
        detail: agrees ? 'the answer matches its re-verified proof file' : `proof file verdict: ${b?.verdict ?? 'none'}`,
      },
    ];
    if (!agrees && s.verdict === 'valid') s.verdict = 'invalid';
    if (!agrees) delete s.service;
  }
  // The index: its proof must hold for THIS fingerprint, present or absent as the answer says.
  const ib = r.index?.bundleFile ? await postJson('/api/v1/verify-bundle', r.index.bundleFile) : undefined;
  const p = ib?.provenRecord;
  const key = `served-document/${digest}`;
  const indexOk = ib?.verdict === 'valid' && p?.key === key && (r.status === 'served' ? p.shown === 'record' : p.shown === 'absence');
  if (!indexOk) {
    r.index.verdict = 'invalid';
    r.index.checks = [
      ...r.index.checks,
      { name: 'answer_consistency', outcome: 'failed', reason: 'answer_mismatch', detail: `proof file verdict: ${ib?.verdict ?? 'none'}` },
    ];
  }
  if (r.sha256 !== digest || !indexOk || r.services.some((s) => s.verdict !== 'valid')) r.verdict = 'invalid';
  r.sha256 = digest;
  return r;
}

async function checkServedFile(file) {
  if (!file) return;
  showBusy(T().busyHash(file.name));
  try {
    const digest = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    const line = $('service-hash');
    line.hidden = false;
    line.replaceChildren(T().hashLine(file.name), el('span', { class: 'mono' }, digest));
    showBusy(T().busyService);
    renderService(await crossCheck(await postJson('/api/v1/verify-service', { sha256: digest }), digest), file.name);
  } catch (e) {
    showError(`${T().errService}${e.message}`);
  }
}

async function checkFile(file) {
  if (!file) return;
  showBusy(T().busyHash(file.name));
  try {
    const digest = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    const line = $('file-hash');
    line.hidden = false;
    line.replaceChildren(T().hashLine(file.name), el('span', { class: 'mono' }, digest));
    showBusy(T().busyAsk);
    renderEvidence(await postJson('/api/v1/verify-evidence', { sha256: digest }), file.name);
  } catch (e) {
    showError(`${T().errFile}${e.message}`);
  }
}

async function checkBundleText(text) {
  const trimmed = text.trim();
  if (trimmed === '') return showError(T().errEmpty);
  try {
    JSON.parse(trimmed);
  } catch {
    return showError(T().errNotJson);
  }
  showBusy(T().busyBundle);
  try {
    renderBundle(await postJson('/api/v1/verify-bundle', trimmed));
  } catch (e) {
    showError(`${T().errBundle}${e.message}`);
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

/** Write every static text in `next`, and redraw the result in it. */
function setLang(next, remember) {
  lang = LANGS.includes(next) ? next : 'zh-CN';
  if (remember) {
    try {
      localStorage.setItem(STORED_LANG, lang);
    } catch {
      // not remembered; the switch still works for this visit
    }
  }
  const s = T().static;
  document.documentElement.lang = lang;
  document.title = s.docTitle;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const v = s[node.dataset.i18n];
    if (typeof v === 'string') node.textContent = v;
  }
  document.querySelector('nav.lang').setAttribute('aria-label', s.langNav);
  for (const b of document.querySelectorAll('nav.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  if (last?.kind === 'evidence') renderEvidence(last.r, last.fileName);
  else if (last?.kind === 'bundle') renderBundle(last.r);
  else if (last?.kind === 'service') renderService(last.r, last.fileName);
}

function main() {
  setLang(defaultLang(), false);
  for (const b of document.querySelectorAll('nav.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang, true));
  $('file-input').addEventListener('change', (ev) => checkFile(ev.target.files[0]));
  wireDrop($('file-drop'), checkFile);
  $('service-input').addEventListener('change', (ev) => checkServedFile(ev.target.files[0]));
  wireDrop($('service-drop'), checkServedFile);
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

/** The enforcement contract's audit events (engine.ts) as a court clerk names them, for the demo's lines. */
export const AUDIT_EVENT_ZH: Readonly<Record<string, string>> = {
  agreement_registered: '登记调解协议',
  judgment_registered: '登记生效判决',
  ruling_registered: '登记生效裁定',
  mediation_registered: '登记调解案件',
  mediation_failed: '调解不成',
  trial_filed: '转诉讼立案',
  obligation_overdue: '义务逾期',
  performance_reported: '履行报告',
  agreement_performed: '协议已履行',
  enforcement_filed: '立案执行',
  assets_investigated: '财产调查',
  enforcement_planned: '执行计划',
  deduction_planned: '扣划计划',
  distribution_planned: '执行款分配方案',
  action_executed: '执行措施已完成',
  release_planned: '解除计划',
  enforcement_closed: '执行完毕',
  enforcement_terminated: '终结本次执行',
  enforcement_resumed: '恢复执行',
};

/** `审计 #NN 中文名 (event): detail`, as the demo prints an arriving entry. */
export const auditLine = (e: { sequence: number; event: string; detail: string }): string =>
  `审计 #${String(e.sequence).padStart(2)} ${AUDIT_EVENT_ZH[e.event] ?? e.event} (${e.event}): ${e.detail}`;

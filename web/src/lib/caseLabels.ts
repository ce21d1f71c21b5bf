// Chinese labels for a case's codes: statuses, sources, payers, routes, measures, history.
export const CASE_STATUS: Record<string, string> = {
  registered: "已登记",
  routed: "已分派",
  verifying: "核实中",
  resolving: "化解中",
  closed: "已办结",
  finished: "已销号",
};

export const CASE_SOURCE: Record<string, string> = {
  national_platform: "全国根治欠薪线索反映平台",
  hotline_12345: "12345热线",
  petition: "信访",
  public_opinion: "舆情",
  inspection: "检查发现",
  referral: "部门移送",
  walk_in: "来访",
};

export const PROJECT_TYPE: Record<string, string> = {
  government: "政府投资项目",
  soe: "国企项目",
  ppp: "PPP项目",
  social: "社会投资项目",
};

export const SECTORS = ["工程建设", "劳动密集型加工制造", "快递物流", "餐饮服务", "校外培训", "房地产开发"];

export const PAYER: Record<string, string> = {
  employer: "用人单位支付",
  general_contractor: "总包代发",
  guarantee_deposit: "工资保证金支付",
  emergency_fund: "应急周转金垫付",
};

export const ROUTE: Record<string, string> = {
  unfounded: "经核实不属实",
  police: "已移送公安机关",
  court: "已申请法院强制执行",
};

export const TRANSFER_ROUTE: Record<string, string> = {
  police: "移送公安机关（涉嫌拒不支付劳动报酬罪）",
  court: "申请法院强制执行",
};

export const MEASURE: Record<string, string> = {
  mediation: "调解",
  order_to_pay: "责令限期支付",
  enforcement: "强制执行",
};

/** A ladder rung as the case and hazard rows name it. */
export const LADDER_STEP: Record<string, string> = {
  remind: "已提醒",
  warn: "已预警",
  supervise: "督办中",
  accountability: "问责",
};

export const CASE_EVENT: Record<string, string> = {
  registered: "登记",
  routed: "分派",
  accepted: "受理",
  returned: "退回",
  verified: "核实",
  unfounded: "核实不属实",
  payment: "支付",
  amount_revised: "修正核实金额",
  measure: "化解措施",
  transferred: "移送",
  closed: "办结",
  extension_requested: "申请延期",
  extension_approved: "延期已批准",
  extension_refused: "延期未批准",
  follow_up_due: "回头看到期",
  follow_up_passed: "回头看通过",
  reopened: "回头看未通过，重新办理",
  major: "列为重大案件",
  escalation_remind: "提醒",
  escalation_warn: "预警",
  escalation_supervise: "督办",
  escalation_accountability: "问责",
};

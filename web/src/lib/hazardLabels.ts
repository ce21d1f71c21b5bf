// Chinese labels for a hazard's codes.
export const HAZARD_STATUS: Record<string, string> = {
  registered: "已登记，待落实五个一",
  resolving: "化解中",
  resolved: "已化解，待回头看",
  closed: "已销号",
};

export const RISK: Record<string, string> = { high: "高", medium: "中", low: "低" };

export const HAZARD_EVENT: Record<string, string> = {
  registered: "登记",
  planned: "落实五个一、四包",
  resolved: "化解完毕",
  follow_up_due: "回头看到期",
  closed: "回头看通过，销号",
  reopened: "回头看未通过，重新化解",
  escalation_remind: "提醒",
  escalation_warn: "预警",
  escalation_supervise: "督办",
  escalation_accountability: "问责",
};

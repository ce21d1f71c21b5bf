// Chinese labels for the API's codes, in one place.
export const TASK_STATUS: Record<string, string> = {
  open: "待办",
  in_progress: "办理中",
  completed: "已完成",
  cancelled: "已撤销",
};

export const ESCALATION: Record<string, string> = {
  reminded: "已提醒",
  warned: "已预警",
  supervised: "督办中",
  accountability: "问责",
};

export const label = (table: Record<string, string>, code: string | null | undefined): string =>
  code ? (table[code] ?? code) : "—";

/** The ladder's rungs by action, as short as an axis needs (the plan's own labels go in tooltips). */
export const LADDER_STEP: Record<string, string> = {
  remind: "提醒",
  warn: "预警",
  supervise: "督办",
  accountability: "问责",
};

export const CAMPAIGN_STATUS: Record<string, string> = {
  starting: "启动中",
  running: "进行中",
  closed: "已结束",
  cancelled: "已撤销",
};

export const PHASE_STATUS: Record<string, string> = {
  pending: "未开始",
  open: "进行中",
  closed: "已结束",
};

export const CASE_STATUS: Record<string, string> = {
  registered: "已登记",
  routed: "已分派",
  verifying: "核实中",
  resolving: "化解中",
  closed: "已办结",
  finished: "已销号",
};

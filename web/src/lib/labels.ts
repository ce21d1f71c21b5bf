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

/** What happened to a task, as its history says it. */
export const TASK_EVENT: Record<string, string> = {
  created: "任务下达",
  progress: "报告进度",
  completed: "办结",
  extension_requested: "申请延期",
  extension_approved: "批准延期",
  extension_refused: "驳回延期",
  reassigned: "改派",
  cancelled: "撤销",
  urged: "催办",
  escalation_remind: "提醒",
  escalation_warn: "预警",
  escalation_supervise: "督办",
  escalation_accountability: "问责",
};

/** What a task asks to be handed in. */
export const DELIVERABLE: Record<string, string> = {
  note: "办理情况说明",
  figures: "数据",
  files: "附件材料",
  report: "报告（无内容可报时可零报告）",
};

/** The rungs of the escalation ladder. */
export const LADDER_ACTION: Record<string, string> = {
  remind: "提醒",
  warn: "预警",
  supervise: "督办",
  accountability: "问责",
};

/** Whom a rung tells; a named leader is shown by name. */
export const RECIPIENT: Record<string, string> = {
  unit: "责任单位",
  unit_head: "单位负责人",
  office: "领导小组办公室",
  leader: "包案领导",
};

export const REPORT_KIND: Record<string, string> = {
  weekly: "周报告",
  monthly: "月通报",
  daily: "重大时间节点日报告",
  special: "专报",
  phase_progress: "阶段进展",
  summary: "总结",
};

/** Notifications by kind; kinds not listed read as 通知. */
export const NOTIFICATION_KIND: Record<string, string> = {
  ...TASK_EVENT,
  ...LADDER_ACTION,
  urge: "催办",
  report: "报告",
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

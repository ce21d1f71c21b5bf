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

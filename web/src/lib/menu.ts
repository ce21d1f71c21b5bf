// The workspace's sections and who sees each: a role never sees a section it cannot use.
import type { Role } from "@/lib/session";

export interface Section {
  name: string; // the route's name
  label: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ["office", "leader", "unit", "district"];
const OVERSEERS: readonly Role[] = ["office", "leader", "district"]; // who watches a territory

export const SECTIONS: readonly Section[] = [
  { name: "dashboard", label: "驾驶舱", roles: OVERSEERS },
  { name: "leader", label: "我的包案督办", roles: ["leader"] },
  { name: "campaigns", label: "专项行动", roles: OVERSEERS },
  { name: "tasks", label: "任务", roles: EVERYONE },
  { name: "notifications", label: "通知", roles: EVERYONE },
  { name: "cases", label: "案件台账", roles: EVERYONE },
  { name: "hazards", label: "隐患", roles: EVERYONE },
  { name: "blacklist", label: "黑名单", roles: EVERYONE },
  { name: "projects", label: "工程项目与指标", roles: EVERYONE },
  { name: "reports", label: "报告", roles: EVERYONE },
  { name: "supervision", label: "督办清单", roles: ["office", "leader"] },
  { name: "accounts", label: "账号管理", roles: ["office"] },
];

export function sectionsFor(role: Role | undefined): Section[] {
  return role ? SECTIONS.filter((section) => section.roles.includes(role)) : [];
}

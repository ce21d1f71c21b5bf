// The workspace's sections and who sees each: a role never sees a section it cannot use.
import type { Role } from "@/lib/session";

export interface Section {
  name: string; // the route's name
  label: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ["office", "leader", "unit", "district"];

export const SECTIONS: readonly Section[] = [
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

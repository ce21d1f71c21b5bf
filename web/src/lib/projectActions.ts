// 工程项目: registering or correcting a project (PUT /projects/{code}) by its district or the office.
import { api, unwrap, type Schemas } from "@/api/client";
import { optionalText, text, type ActionSpec } from "@/lib/actionForm";
import { PROJECT_TYPE } from "@/lib/caseLabels";

export type Project = Schemas["ProjectRead"];

/** The project being edited, or a new one (code empty) in `district` when the account has one. */
export interface ProjectDraft {
  project: Project | null;
  district: string;
}

export const EDIT_PROJECT: ActionSpec<ProjectDraft> = {
  name: "edit-project", title: "工程项目", submit: "保存",
  fields: [
    { name: "code", label: "项目编码（如施工许可证编号）", kind: "text", initial: (d) => d.project?.code ?? "", fixed: (d) => d.project !== null },
    { name: "name", label: "项目名称", kind: "text", initial: (d) => d.project?.name ?? "" },
    { name: "district", label: "所属区", kind: "unit", unitKinds: ["district"], initial: (d) => d.project?.district ?? d.district },
    { name: "project_type", label: "项目类型", kind: "select", options: PROJECT_TYPE, initial: (d) => d.project?.project_type ?? "social" },
    { name: "general_contractor", label: "总承包单位", kind: "text", optional: true, initial: (d) => d.project?.general_contractor ?? "" },
  ],
  send: (d, v) => unwrap(api.PUT("/api/v1/projects/{code}", {
    params: { path: { code: d.project?.code ?? text(v.code) } },
    body: {
      name: text(v.name),
      district: text(v.district),
      project_type: text(v.project_type) as Schemas["ProjectType"],
      general_contractor: optionalText(v.general_contractor) ?? null,
    },
  })),
};

// The forms of a hazard: registration, 五个一/四包, resolution and 回头看 (api/routes/hazards.py).
import { api, unwrap, type Schemas } from "@/api/client";
import { optionalText, text, type ActionSpec, type FieldSpec, type Value } from "@/lib/actionForm";
import { RISK } from "@/lib/hazardLabels";

export type Hazard = Schemas["HazardDetail"];
export type HazardActionName = Schemas["HazardActionName"];
type Spec = ActionSpec<Hazard>;

const at = (h: Hazard) => ({ params: { path: { hazard_id: h.id } } });
/** 工作专班: names separated by 、 or commas. */
const names = (value: Value | undefined): string[] => text(value).split(/[、,，\s]+/).filter(Boolean);
const planned = (h: Hazard, part: "five_ones" | "four_packages", key: string): string => {
  const value = h[part]?.[key];
  return Array.isArray(value) ? value.join("、") : typeof value === "string" ? value : "";
};
const packageField = (key: string, label: string): FieldSpec<Hazard> => ({
  name: `four_packages.${key}`, label, kind: "text", initial: (h) => planned(h, "four_packages", key),
});

export const HAZARD_ACTIONS: Record<HazardActionName, Spec> = {
  plan: {
    name: "plan", title: "落实五个一、四包", submit: "保存",
    fields: [
      { name: "five_ones.plan", label: "化解方案", kind: "textarea", initial: (h) => planned(h, "five_ones", "plan") },
      { name: "five_ones.leader", label: "责任领导", kind: "text", initial: (h) => planned(h, "five_ones", "leader") },
      { name: "five_ones.team", label: "工作专班（多个单位用“、”分隔）", kind: "text", initial: (h) => planned(h, "five_ones", "team") },
      { name: "five_ones.deadline", label: "化解时限", kind: "date", initial: (h) => planned(h, "five_ones", "deadline") },
      packageField("investigate", "包调查"),
      packageField("handle", "包处理"),
      packageField("stabilise", "包稳控"),
      packageField("consolidate", "包巩固"),
    ],
    send: (h, v) => unwrap(api.POST("/api/v1/hazards/{hazard_id}/plan", {
      ...at(h),
      body: {
        five_ones: { plan: text(v["five_ones.plan"]), leader: text(v["five_ones.leader"]), team: names(v["five_ones.team"]), deadline: text(v["five_ones.deadline"]) },
        four_packages: {
          investigate: text(v["four_packages.investigate"]), handle: text(v["four_packages.handle"]),
          stabilise: text(v["four_packages.stabilise"]), consolidate: text(v["four_packages.consolidate"]),
        },
      },
    })),
  },
  resolve: {
    name: "resolve", title: "化解完毕", submit: "确认化解", tone: "success",
    fields: [{ name: "note", label: "化解情况", kind: "textarea" }],
    send: (h, v) => unwrap(api.POST("/api/v1/hazards/{hazard_id}/resolve", { ...at(h), body: { note: text(v.note) } })),
  },
  follow_up: {
    name: "follow_up", title: "回头看", submit: "记录回头看结果",
    fields: [
      { name: "passed", label: "回头看结果", kind: "yesno", options: { yes: "通过，销号", no: "未通过，重新化解" } },
      { name: "note", label: "回头看情况", kind: "textarea" },
    ],
    send: (h, v) => unwrap(api.POST("/api/v1/hazards/{hazard_id}/follow-ups", { ...at(h), body: { passed: v.passed === true, note: text(v.note) } })),
  },
};

/** Registering a hazard found in screening (排查); its unit is the account's. */
export const REGISTER_HAZARD: ActionSpec<null> = {
  name: "register-hazard", title: "登记隐患", submit: "登记",
  fields: [
    { name: "employer.name", label: "用人单位", kind: "text" },
    { name: "employer.credit_code", label: "统一社会信用代码", kind: "text", optional: true },
    { name: "project", label: "项目", kind: "text", optional: true },
    { name: "risk", label: "风险等级", kind: "select", options: RISK, initial: () => "medium" },
    { name: "district", label: "所属区（或乡镇）", kind: "unit", unitKinds: ["district", "town"] },
    { name: "description", label: "隐患情况", kind: "textarea" },
  ],
  send: (_, v) => unwrap(api.POST("/api/v1/hazards", {
    body: {
      employer: { name: text(v["employer.name"]), credit_code: optionalText(v["employer.credit_code"]) ?? null },
      project: optionalText(v.project) ?? null,
      risk: text(v.risk) as Schemas["RiskLevel"],
      district: text(v.district),
      description: text(v.description),
    },
  })),
};

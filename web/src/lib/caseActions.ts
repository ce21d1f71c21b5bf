// The forms of a case's workflow (api/routes/case_actions.py), one per action the API names in
// GET /cases/{id}/actions; each sends its body and the API's rules decide.
import { api, unwrap, type Schemas } from "@/api/client";
import { optionalText, text, whole, type ActionSpec, type FieldSpec } from "@/lib/actionForm";
import { MEASURE, PAYER, TRANSFER_ROUTE } from "@/lib/caseLabels";
import { yuanLeft } from "@/lib/format";

export type CaseDetail = Schemas["CaseDetail"];
export type CaseActionName = Schemas["CaseActionName"];
type Spec = ActionSpec<CaseDetail>;

const at = (c: CaseDetail) => ({ params: { path: { case_id: c.id } } });

/** The extension request awaiting the office: the id its event recorded (the latest request). */
function pendingExtension(c: CaseDetail): string {
  const asked = c.events.filter((e) => e.kind === "extension_requested").at(-1);
  return String(asked?.detail.request_id ?? "");
}
const reason = (label: string, hint?: string): FieldSpec<CaseDetail> => ({ name: "reason", label, kind: "textarea", hint });

/** A form whose body is one reason (accept, return, escalate, extension request, close). */
function reasoned(name: CaseActionName, title: string, submit: string, label: string, send: Spec["send"], tone?: Spec["tone"]): Spec {
  return { name, title, submit, tone, fields: [reason(label)], send };
}

export const CASE_ACTIONS: Record<CaseActionName, Spec> = {
  route: {
    name: "route", title: "分派承办单位", submit: "分派",
    fields: [
      { name: "unit", label: "承办单位", kind: "unit" },
      { name: "note", label: "分派说明", kind: "textarea", optional: true },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/route", { ...at(c), body: { unit: text(v.unit), note: text(v.note) } })),
  },
  accept: reasoned("accept", "受理", "受理", "受理意见", (c, v) =>
    unwrap(api.POST("/api/v1/cases/{case_id}/accept", { ...at(c), body: { reason: text(v.reason) } }))),
  return: reasoned("return", "退回（非本单位职责）", "退回", "退回理由", (c, v) =>
    unwrap(api.POST("/api/v1/cases/{case_id}/return", { ...at(c), body: { reason: text(v.reason) } })), "warning"),
  verify: {
    name: "verify", title: "核实欠薪人数与金额", submit: "确认核实",
    fields: [
      { name: "workers", label: "核实人数", kind: "integer", initial: (c) => String(c.workers_claimed) },
      { name: "amount", label: "核实金额", kind: "money", initial: (c) => c.amount_claimed },
      { name: "note", label: "核实情况", kind: "textarea", optional: true },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/verify", {
      ...at(c), body: { workers: whole(v.workers), amount: text(v.amount), note: text(v.note) },
    })),
  },
  unfounded: {
    name: "unfounded", title: "核实不属实", submit: "记录不属实", tone: "warning",
    fields: [
      { name: "reason", label: "不属实的理由", kind: "textarea" },
      { name: "evidence", label: "证据材料", kind: "files" },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/dismiss", {
      ...at(c), body: { reason: text(v.reason), evidence: v.evidence as string[] },
    })),
  },
  measure: {
    name: "measure", title: "记录化解措施", submit: "记录措施",
    fields: [
      { name: "kind", label: "措施", kind: "select", options: MEASURE },
      { name: "due", label: "限期（可不填）", kind: "date", optional: true },
      { name: "note", label: "措施说明", kind: "textarea", optional: true },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/measures", {
      ...at(c),
      body: { kind: text(v.kind) as Schemas["MeasureBody"]["kind"], due: optionalText(v.due), note: text(v.note) },
    })),
  },
  payment: {
    name: "payment", title: "登记支付", submit: "登记支付",
    fields: [
      { name: "amount", label: "支付金额", kind: "money", initial: (c) => (c.verified_amount ? yuanLeft(c.verified_amount, c.paid_amount) : "") },
      { name: "payer", label: "支付方式", kind: "select", options: PAYER },
      { name: "workers", label: "受偿人数（可不填）", kind: "integer", optional: true },
      { name: "note", label: "说明", kind: "textarea", optional: true },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/payments", {
      ...at(c),
      body: { amount: text(v.amount), payer: text(v.payer) as Schemas["Payer"], workers: whole(v.workers), note: text(v.note) },
    })),
  },
  amount_revision: {
    name: "amount_revision", title: "修正核实金额（留痕）", submit: "修正金额", tone: "warning",
    fields: [
      { name: "amount", label: "修正后的核实金额", kind: "money", initial: (c) => c.verified_amount ?? "" },
      reason("修正理由"),
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/amount-revisions", {
      ...at(c), body: { amount: text(v.amount), reason: text(v.reason) },
    })),
  },
  transfer: {
    name: "transfer", title: "移送公安 / 申请法院强制执行", submit: "移送", tone: "warning",
    fields: [
      { name: "route", label: "去向", kind: "select", options: TRANSFER_ROUTE },
      reason("移送理由"),
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/transfer", {
      ...at(c), body: { route: text(v.route) as Schemas["TransferBody"]["route"], reason: text(v.reason) },
    })),
  },
  escalate: reasoned("escalate", "升级为重大案件", "升级", "升级理由", (c, v) =>
    unwrap(api.POST("/api/v1/cases/{case_id}/escalate", { ...at(c), body: { reason: text(v.reason) } })), "danger"),
  request_extension: reasoned("request_extension", "申请延长办结期限（限一次）", "提交申请", "申请理由", (c, v) =>
    unwrap(api.POST("/api/v1/cases/{case_id}/extension-requests", { ...at(c), body: { reason: text(v.reason) } }))),
  decide_extension: {
    name: "decide_extension", title: "审批延期申请", submit: "提交审批意见",
    fields: [
      { name: "approve", label: "审批意见", kind: "yesno", options: { yes: "同意延期", no: "不同意" } },
      { name: "reason", label: "理由（不同意时必填）", kind: "textarea", optional: true },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/extension-requests/{request_id}/decision", {
      params: { path: { case_id: c.id, request_id: pendingExtension(c) } },
      body: { approve: v.approve === true, reason: text(v.reason) },
    })),
  },
  close: reasoned("close", "办结（不解决不销账）", "办结", "办结情况", (c, v) =>
    unwrap(api.POST("/api/v1/cases/{case_id}/close", { ...at(c), body: { reason: text(v.reason) } }))),
  follow_up: {
    name: "follow_up", title: "回头看", submit: "记录回头看结果",
    fields: [
      { name: "passed", label: "回头看结果", kind: "yesno", options: { yes: "通过，销号", no: "未通过，重新办理" } },
      { name: "note", label: "回头看情况", kind: "textarea" },
    ],
    send: (c, v) => unwrap(api.POST("/api/v1/cases/{case_id}/follow-ups", {
      ...at(c), body: { passed: v.passed === true, note: text(v.note) },
    })),
  },
};

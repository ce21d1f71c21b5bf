// 黑名单: a unit proposes listing or removal, the office decides (api/routes/blacklist.py).
import { api, unwrap, type Schemas } from "@/api/client";
import { text, type ActionSpec } from "@/lib/actionForm";

export type Enterprise = Schemas["EnterpriseRead"];
export type Entry = Schemas["BlacklistEntryRead"];

export const BLACKLIST_STATUS: Record<string, string> = {
  proposed: "拟列入，待审批",
  listed: "已列入",
  rejected: "不予列入",
  removal_proposed: "拟移出，待审批",
  removed: "已移出",
};

export const BLACKLIST_STEP: Record<string, string> = {
  proposed: "提出列入",
  listed: "批准列入",
  rejected: "不予列入",
  removal_proposed: "提出移出",
  removed: "批准移出",
};

const entryAt = (e: Entry) => ({ params: { path: { entry_id: e.id } } });
const decision = (approve: string, refuse: string) => ({
  name: "approve", label: "审批意见", kind: "yesno" as const, options: { yes: approve, no: refuse },
});

export const PROPOSE_LISTING: ActionSpec<Enterprise> = {
  name: "propose-listing", title: "提出列入黑名单", submit: "提交审批", tone: "danger",
  fields: [{ name: "reason", label: "列入理由", kind: "textarea", hint: "如：经责令限期支付仍拒不支付" }],
  send: (e, v) => unwrap(api.POST("/api/v1/blacklist", {
    body: { employer: { name: e.name, credit_code: e.credit_code }, reason: text(v.reason), case_ids: [] },
  })),
};

export const DECIDE_LISTING: ActionSpec<Entry> = {
  name: "decide-listing", title: "审批列入", submit: "提交审批意见",
  fields: [decision("同意列入", "不予列入"), { name: "reason", label: "审批说明", kind: "textarea", optional: true }],
  send: (e, v) => unwrap(api.POST("/api/v1/blacklist/{entry_id}/decision", {
    ...entryAt(e), body: { approve: v.approve === true, reason: text(v.reason) },
  })),
};

export const PROPOSE_REMOVAL: ActionSpec<Entry> = {
  name: "propose-removal", title: "提出移出黑名单", submit: "提交审批",
  fields: [{ name: "reason", label: "移出理由", kind: "textarea", hint: "如：已全额支付并完成整改" }],
  send: (e, v) => unwrap(api.POST("/api/v1/blacklist/{entry_id}/removal-requests", { ...entryAt(e), body: { reason: text(v.reason) } })),
};

export const DECIDE_REMOVAL: ActionSpec<Entry> = {
  name: "decide-removal", title: "审批移出", submit: "提交审批意见",
  fields: [decision("同意移出", "不同意，继续列入"), { name: "reason", label: "审批说明", kind: "textarea", optional: true }],
  send: (e, v) => unwrap(api.POST("/api/v1/blacklist/{entry_id}/removal-requests/{request_id}/decision", {
    params: { path: { entry_id: e.id, request_id: e.removal_request_id ?? -1 } },
    body: { approve: v.approve === true, reason: text(v.reason) },
  })),
};

/** What this role may do on an entry in its status (the API decides again when it is sent):
 * the office decides, any unit or district may propose, leaders read. */
export function entryActions(entry: Entry, role: string | undefined): ActionSpec<Entry>[] {
  if (entry.status === "proposed" && role === "office") return [DECIDE_LISTING];
  if (entry.status === "removal_proposed" && role === "office") return [DECIDE_REMOVAL];
  if (entry.status === "listed" && role && role !== "leader") return [PROPOSE_REMOVAL];
  return [];
}

/** An enterprise with no open entry may be proposed for listing, by anyone but a leader. */
export const mayProposeListing = (enterprise: Enterprise, role: string | undefined): boolean =>
  Boolean(role) && role !== "leader" && !enterprise.blacklist_status;

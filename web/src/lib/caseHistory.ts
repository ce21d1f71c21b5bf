// A case's events as people read them: what happened and the words that came with it.
import type { Schemas } from "@/api/client";
import type { HistoryItem } from "@/components/HistoryList.vue";
import { CASE_EVENT, MEASURE, PAYER, ROUTE } from "@/lib/caseLabels";
import { label } from "@/lib/labels";
import { chineseDate, yuan } from "@/lib/format";
import { unitName } from "@/lib/units";

type Event = Schemas["CaseEventRead"];
type Detail = Record<string, unknown>;

const str = (value: unknown): string => (value === null || value === undefined ? "" : String(value));

const DESCRIBE: Record<string, (d: Detail) => string> = {
  routed: (d) => `分派至 ${unitName(str(d.unit))}${d.note ? `：${str(d.note)}` : ""}`,
  returned: (d) => `${unitName(str(d.unit))} 退回：${str(d.reason)}`,
  verified: (d) => `核实 ${str(d.workers)} 人，${yuan(str(d.amount))}${d.note ? `；${str(d.note)}` : ""}`,
  payment: (d) => `${label(PAYER, str(d.payer))} ${yuan(str(d.amount))}，累计已付 ${yuan(str(d.paid_total))}`,
  amount_revised: (d) => `由 ${yuan(str(d.from))} 修正为 ${yuan(str(d.to))}：${str(d.reason)}`,
  measure: (d) => `${label(MEASURE, str(d.kind))}${d.due ? `，限 ${chineseDate(str(d.due))}` : ""}${d.note ? `：${str(d.note)}` : ""}`,
  transferred: (d) => `${label(ROUTE, str(d.route))}：${str(d.reason)}`,
  closed: (d) => `${str(d.note)}（累计已付 ${yuan(str(d.paid_total))}）`,
  extension_approved: (d) => `办结期限延至 ${chineseDate(str(d.to))}${d.reason ? `：${str(d.reason)}` : ""}`,
  extension_refused: (d) => str(d.reason),
  major: (d) => [...((d.reasons as string[] | undefined) ?? []), d.by_hand ? `人工升级：${str(d.by_hand)}` : ""].filter(Boolean).join("；"),
};

const escalationText = (d: Detail): string => `${d.limit === "accept" ? "受理" : "办结"}期限 ${chineseDate(str(d.deadline))}`;

export function caseHistory(events: Event[]): HistoryItem[] {
  return events.map((event) => {
    const describe = DESCRIBE[event.kind] ?? (event.kind.startsWith("escalation_") ? escalationText : null);
    const plain = str(event.detail.note ?? event.detail.reason);
    return {
      at: event.at,
      actor: event.actor === "system" ? "系统" : event.actor,
      title: label(CASE_EVENT, event.kind),
      text: describe ? describe(event.detail) : plain,
    };
  });
}

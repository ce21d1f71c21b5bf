// Dates and times in Beijing time, money as offices write it (元 with two decimals, or 万元).
const BEIJING = "Asia/Shanghai";

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: BEIJING,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** An instant the API gives in UTC (ISO 8601), shown in Beijing time: 2026-12-01 18:30. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A calendar date (YYYY-MM-DD) as offices write it: 2026年12月1日. */
export function chineseDate(day: string | null | undefined): string {
  if (!day) return "—";
  const [year, month, date] = day.split("-").map(Number);
  return `${year}年${month}月${date}日`;
}

/** Today's date in Beijing (YYYY-MM-DD), whatever the browser's time zone. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: BEIJING }).format(new Date());
}

/** Money the API gives as a decimal string, in 元 with thousands separators and two decimals. */
export function yuan(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  return `${groupDigits(String(amount), 2)} 元`;
}

/** Money in 万元 with two decimals, computed on the decimal string (no float rounding drift). */
export function wanYuan(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const cents = toCents(String(amount));
  const wanCents = (cents + (cents >= 0n ? 5000n : -5000n)) / 10000n;
  return `${groupDigits(centsToString(wanCents), 2)} 万元`;
}

/** What is left of `amount` after `paid` (decimal strings), as a decimal string: 36000.00. */
export function yuanLeft(amount: string, paid: string): string {
  return centsToString(toCents(amount) - toCents(paid));
}

function toCents(text: string): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const cents = BigInt(whole || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -cents : cents;
}

function centsToString(cents: bigint): string {
  const negative = cents < 0n;
  const value = negative ? -cents : cents;
  const text = `${value / 100n}.${String(value % 100n).padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

function groupDigits(text: string, decimals: number): string {
  const normalized = centsToString(toCents(text));
  const [whole = "0", fraction = ""] = normalized.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return decimals ? `${grouped}.${fraction}` : grouped;
}

/** A rate the API gives as a fraction (0.667) or a percentage number, shown as 66.7%. */
export function percent(value: number | string | null | undefined, isFraction = true): string {
  if (value === null || value === undefined || value === "") return "—";
  const number = Number(value) * (isFraction ? 100 : 1);
  return `${number.toFixed(1)}%`;
}

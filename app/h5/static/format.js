// How the app shows what the server sends: fen as yuan, moments in China
// time, time left until a moment it gave.

// money in fen shown as yuan with two decimals and thousands separators
export function yuan(fen) {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

// "¥12.80"
export function price(fen) {
  return `¥${yuan(fen)}`;
}

// a moment shown in China time, "2026-12-05 10:00"
const CHINA_TIME = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit" });

export function dateTime(iso) {
  return iso ? CHINA_TIME.format(new Date(iso)) : "";
}

// a sale's countdown in milliseconds: to its end while open, else to its
// next opening, as the server gave them (0 once passed)
export function countdown(sale) {
  const iso = sale.phase === "open" ? sale.ends_at : sale.next_open_at;
  return iso ? Math.max(0, new Date(iso).getTime() - Date.now()) : 0;
}

// How the app shows what the server sends: fen as yuan, moments in China time.

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

// Moments as merchants type them: "YYYY-MM-DD HH:mm" wall-clock China time
// (Asia/Shanghai, UTC+8 all year), whatever the browser's own zone. The
// pickers hold such strings; the API gets ISO 8601 with the +08:00 offset.
import { dateTime } from "../api.js";

export const PICKER_FORMAT = "YYYY-MM-DD HH:mm";

// "2026-12-05 10:00" -> "2026-12-05T10:00:00+08:00"
export function toIso(chinaText) {
  return chinaText ? `${chinaText.replace(" ", "T")}:00+08:00` : null;
}

// an ISO moment from the API -> "2026-12-05 10:00" China time
export function fromIso(iso) {
  return dateTime(iso);
}

// a span for a table cell: "12-05 10:00 ~ 12-05 12:00" (years dropped)
export function span(fromIsoText, untilIsoText) {
  const short = (iso) => dateTime(iso).slice(5);
  return `${short(fromIsoText)} ~ ${short(untilIsoText)}`;
}

// Amounts typed in 元 ("12", "12.5", "12.50") read as whole fen by their
// digits, never through a float; and fen written back for editing ("12.50").
const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

// the fen a text names, or null when it is not an amount of 元 with at most two decimals
export function fenFromText(text) {
  const match = YUAN.exec(String(text ?? "").trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] || "").padEnd(2, "0"));
}

export function textFromFen(fen) {
  if (fen === null || fen === undefined) return "";
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

// an Element Plus form rule: an amount of 元 (at least `minFen`), else `message`
export function yuanRule(message, { required = true, minFen = 0 } = {}) {
  return {
    trigger: "blur",
    validator: (rule, value, callback) => {
      if (!required && (value === "" || value === null || value === undefined)) {
        callback();
        return;
      }
      const fen = fenFromText(value);
      callback(fen === null || fen < minFen ? new Error(message) : undefined);
    },
  };
}

// The host console's live chart: online viewers and likes over time (one
// point per statistics push, China time on the axis).
import { t } from "../i18n.js";

const CLOCK = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit",
                                                 minute: "2-digit", second: "2-digit" });
export const MAX_POINTS = 720;

// points: [{at (ms), online, likes (null when not known)}]
export function liveOption(points) {
  const online = t("live.online_series");
  const likes = t("live.likes_series");
  return {
    color: ["#409eff", "#f56c6c"],
    title: { show: points.length === 0, text: t("live.no_data"), left: "center", top: "middle",
             textStyle: { fontSize: 14, fontWeight: "normal", color: "#909399" } },
    tooltip: { trigger: "axis" },
    legend: { data: [online, likes], top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: "category", boundaryGap: false,
             data: points.map((p) => CLOCK.format(new Date(p.at))) },
    yAxis: [{ type: "value", name: online, minInterval: 1 },
            { type: "value", name: likes, minInterval: 1, splitLine: { show: false } }],
    series: [
      { name: online, type: "line", showSymbol: false, areaStyle: { opacity: 0.12 },
        data: points.map((p) => p.online) },
      { name: likes, type: "line", yAxisIndex: 1, showSymbol: false, connectNulls: true,
        data: points.map((p) => p.likes) },
    ],
  };
}

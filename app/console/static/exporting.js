// Asking for an export from any page: POST .../exports in the console's
// language, then the exports page follows its progress (pages/exports.js).
import { api } from "./api.js";
import { session } from "./session.js";
import { locale, t, extend } from "./i18n.js";

extend({
  "zh-CN": { exporting: { queued: "导出任务已创建，可在「导出记录」查看进度", xlsx: "导出 Excel" } },
  en: { exporting: { queued: "The export is queued: follow it under Exports",
                     xlsx: "Export to Excel" } },
});

export async function askExport(router, kind, filters, format = "xlsx") {
  await api.post(`/api/v1/merchants/${session.merchantId}/exports`,
                 { kind, format, lang: locale.value === "en" ? "en" : "zh", filters });
  ElementPlus.ElMessage.success(t("exporting.queued"));
  router.push("/exports");
}

// 售后设置: where buyers send returns, the reasons they choose from, and the
// three deadlines (GET/PUT .../after-sale-settings). A merchant who saved
// nothing sees the defaults; saving sends the whole form and the reasons
// replace the list. A new reason gets a code of its own (buyers' requests
// keep the code; the label is what they read).
import { api, showError } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { aftersale_settings: "售后设置" },
    aftersale_settings: {
      address: "退货地址", recipient: "收件人", phone: "联系电话", return_address: "详细地址",
      address_hint: "买家退货时看到的寄回地址",
      deadlines: "处理时限", review_hours: "商家处理申请", review_hint: "超时未处理自动同意",
      ship_days: "买家寄回商品", ship_hint: "同意退货后买家超时未寄回，申请自动关闭",
      confirm_days: "商家确认收货", confirm_hint: "买家寄回后商家超时未确认，自动退款",
      hours: "小时", days: "天",
      reasons: "售后原因", reason: "原因", add_reason: "添加原因", remove: "删除",
      reason_required: "请填写原因", need_reason: "至少保留一个售后原因",
      save: "保存设置", saved: "售后设置已保存",
    },
    errors: { unknown_after_sale_reason: "售后原因不存在" },
  },
  en: {
    menu: { aftersale_settings: "After-sale settings" },
    aftersale_settings: {
      address: "Return address", recipient: "Recipient", phone: "Phone",
      return_address: "Address", address_hint: "Where buyers send their returns",
      deadlines: "Deadlines", review_hours: "Merchant reviews a request",
      review_hint: "Approved when the time runs out", ship_days: "Buyer ships the return",
      ship_hint: "Closed when the buyer has not shipped in time",
      confirm_days: "Merchant confirms the return",
      confirm_hint: "Refunded when the merchant has not confirmed in time",
      hours: "hours", days: "days",
      reasons: "Reasons", reason: "Reason", add_reason: "Add a reason", remove: "Remove",
      reason_required: "Enter the reason", need_reason: "Keep at least one reason",
      save: "Save", saved: "After-sale settings saved",
    },
    errors: { unknown_after_sale_reason: "No such after-sale reason" },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const MAX_REASONS = 30;
const MAX_REVIEW_HOURS = 24 * 14;
const MAX_DAYS = 30;

// a code for a reason the merchant adds: lowercase letters, digits and "_", unique in the list
function newCode(taken) {
  let code;
  do {
    code = `custom_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  } while (taken.includes(code));
  return code;
}

export default {
  setup() {
    const formRef = ref(null);
    const loading = ref(false);
    const busy = ref(false);
    const form = reactive({ return_recipient: "", return_phone: "", return_address: "",
                            review_hours: 48, ship_days: 7, confirm_days: 10, reasons: [] });
    const base = () => `/api/v1/merchants/${session.merchantId}/after-sale-settings`;
    const reasonRule = computed(() => [{ required: true, whitespace: true, trigger: "blur",
                                         message: t("aftersale_settings.reason_required") }]);

    function fill(body) {
      Object.assign(form, { return_recipient: body.return_recipient,
                            return_phone: body.return_phone,
                            return_address: body.return_address,
                            review_hours: body.review_hours, ship_days: body.ship_days,
                            confirm_days: body.confirm_days,
                            reasons: body.reasons.map((r) => ({ ...r })) });
    }

    async function load() {
      loading.value = true;
      try {
        fill(await api.get(base()));
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    function addReason() {
      form.reasons.push({ code: newCode(form.reasons.map((r) => r.code)), label: "" });
    }
    function removeReason(index) { form.reasons.splice(index, 1); }

    async function save() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      if (!form.reasons.length) {
        ElementPlus.ElMessage.error(t("aftersale_settings.need_reason"));
        return;
      }
      busy.value = true;
      try {
        fill(await api.put(base(), {
          return_recipient: form.return_recipient.trim(),
          return_phone: form.return_phone.trim(),
          return_address: form.return_address.trim(),
          review_hours: form.review_hours, ship_days: form.ship_days,
          confirm_days: form.confirm_days,
          reasons: form.reasons.map((r) => ({ code: r.code, label: r.label.trim() })) }));
        ElementPlus.ElMessage.success(t("aftersale_settings.saved"));
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    return { formRef, form, loading, busy, reasonRule, MAX_REASONS, MAX_REVIEW_HOURS, MAX_DAYS,
             addReason, removeReason, save };
  },
  template: `
  <el-form ref="formRef" :model="form" label-width="120px" v-loading="loading"
           class="aftersale-settings" data-testid="aftersale-settings" @submit.prevent>
    <el-card shadow="never">
      <template #header>{{ $t('aftersale_settings.address') }}</template>
      <el-form-item :label="$t('aftersale_settings.recipient')">
        <el-input v-model="form.return_recipient" maxlength="25" class="medium-input" data-testid="return-recipient" />
      </el-form-item>
      <el-form-item :label="$t('aftersale_settings.phone')">
        <el-input v-model="form.return_phone" maxlength="20" class="medium-input" data-testid="return-phone" />
      </el-form-item>
      <el-form-item :label="$t('aftersale_settings.return_address')">
        <el-input v-model="form.return_address" type="textarea" :rows="2" maxlength="200" show-word-limit
                  class="long-input" data-testid="return-address" />
        <div class="muted form-hint">{{ $t('aftersale_settings.address_hint') }}</div>
      </el-form-item>
    </el-card>
    <el-card shadow="never">
      <template #header>{{ $t('aftersale_settings.deadlines') }}</template>
      <el-form-item :label="$t('aftersale_settings.review_hours')">
        <el-input-number v-model="form.review_hours" :min="1" :max="MAX_REVIEW_HOURS" :precision="0" data-testid="review-hours" />
        <span class="unit">{{ $t('aftersale_settings.hours') }}</span>
        <span class="muted">{{ $t('aftersale_settings.review_hint') }}</span>
      </el-form-item>
      <el-form-item :label="$t('aftersale_settings.ship_days')">
        <el-input-number v-model="form.ship_days" :min="1" :max="MAX_DAYS" :precision="0" data-testid="ship-days" />
        <span class="unit">{{ $t('aftersale_settings.days') }}</span>
        <span class="muted">{{ $t('aftersale_settings.ship_hint') }}</span>
      </el-form-item>
      <el-form-item :label="$t('aftersale_settings.confirm_days')">
        <el-input-number v-model="form.confirm_days" :min="1" :max="MAX_DAYS" :precision="0" data-testid="confirm-days" />
        <span class="unit">{{ $t('aftersale_settings.days') }}</span>
        <span class="muted">{{ $t('aftersale_settings.confirm_hint') }}</span>
      </el-form-item>
    </el-card>
    <el-card shadow="never">
      <template #header>{{ $t('aftersale_settings.reasons') }}</template>
      <el-table :data="form.reasons" row-key="code" border class="reason-table" data-testid="reason-table">
        <el-table-column type="index" width="56" />
        <el-table-column :label="$t('aftersale_settings.reason')">
          <template #default="{ row, $index }">
            <el-form-item :prop="'reasons.' + $index + '.label'" :rules="reasonRule" class="cell-item" label-width="0">
              <el-input v-model="row.label" maxlength="60" data-testid="reason-label" />
            </el-form-item>
          </template>
        </el-table-column>
        <el-table-column width="90" align="center">
          <template #default="{ $index }">
            <el-button link type="danger" @click="removeReason($index)" data-testid="reason-remove">{{ $t('aftersale_settings.remove') }}</el-button>
          </template>
        </el-table-column>
      </el-table>
      <el-button v-if="form.reasons.length < MAX_REASONS" class="add-row" :icon="'Plus'" @click="addReason"
                 data-testid="reason-add">{{ $t('aftersale_settings.add_reason') }}</el-button>
    </el-card>
    <div class="form-footer">
      <el-button type="primary" :loading="busy" @click="save" data-testid="aftersale-save">{{ $t('aftersale_settings.save') }}</el-button>
    </div>
  </el-form>`,
};

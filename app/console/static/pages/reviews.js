// 商品评价: reviews of the merchant's products (GET .../reviews), newest
// first, by rating, moderation status and pictures; reply (PUT .../reply),
// hide and show again, and publish what the keyword filter held (approve).
import { api, showError, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { reviews: "商品评价" },
    reviews: {
      rating: "评分", stars: "{n} 星", status: "审核状态", with_pictures: "只看有图",
      product: "商品", buyer: "买家", content: "评价内容", created: "评价时间",
      follow_up: "追评", reply: "回复", reply_title: "回复评价", your_reply: "商家回复",
      reply_required: "请填写回复内容", hide: "隐藏", unhide: "取消隐藏", approve: "审核通过",
      replied: "已回复", hidden_ok: "已隐藏", shown_ok: "已恢复显示", approved_ok: "已通过审核",
      anonymous: "匿名", reports: "被举报 {n} 次",
      statuses: { published: "已发布", pending: "待审核" },
      hidden_reasons: { staff: "商家隐藏", reports: "举报过多已隐藏" },
    },
    errors: { review_not_found: "评价不存在", review_not_pending: "该评价无需审核" },
  },
  en: {
    menu: { reviews: "Reviews" },
    reviews: {
      rating: "Rating", stars: "{n} stars", status: "Moderation", with_pictures: "With pictures",
      product: "Product", buyer: "Buyer", content: "Review", created: "Written",
      follow_up: "Follow-up", reply: "Reply", reply_title: "Reply to the review",
      your_reply: "Merchant's reply", reply_required: "Write a reply", hide: "Hide",
      unhide: "Show", approve: "Approve", replied: "Replied", hidden_ok: "Hidden",
      shown_ok: "Shown again", approved_ok: "Approved", anonymous: "anonymous",
      reports: "Reported {n} times",
      statuses: { published: "Published", pending: "Held" },
      hidden_reasons: { staff: "Hidden by staff", reports: "Hidden after reports" },
    },
    errors: { review_not_found: "No such review", review_not_pending: "Nothing to approve" },
  },
});

const { ref, reactive, onMounted } = Vue;

export default {
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => base(), listQuery);
    const filters = reactive({ rating: "", status: "", with_pictures: false });
    const dialog = ref(false);
    const busy = ref(false);
    const reply = reactive({ review: null, content: "", error: "" });
    const base = () => `/api/v1/merchants/${session.merchantId}/reviews`;

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (filters.rating) query.rating = filters.rating;
      if (filters.status) query.status = filters.status;
      if (filters.with_pictures) query.with_pictures = "true";
      return query;
    }

    function search() { first(); }

    function put(updated) {
      rows.value = rows.value.map((r) => (r.id === updated.id ? updated : r));
    }

    async function act(row, action, done) {
      try {
        put(await api.post(`${base()}/${row.id}/${action}`));
        ElementPlus.ElMessage.success(t(done));
      } catch (err) {
        showError(err);
      }
    }

    function openReply(row) {
      Object.assign(reply, { review: row, content: row.reply ? row.reply.content : "", error: "" });
      dialog.value = true;
    }

    async function sendReply() {
      if (!reply.content.trim()) {
        reply.error = t("reviews.reply_required");
        return;
      }
      busy.value = true;
      try {
        put(await api.put(`${base()}/${reply.review.id}/reply`, { content: reply.content.trim() }));
        dialog.value = false;
        ElementPlus.ElMessage.success(t("reviews.replied"));
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    const held = (row) => row.status === "pending" || row.follow_up_status === "pending";
    onMounted(refresh);
    return { rows, total, page, loading, filters, dialog, busy, reply, PER_PAGE, refresh, search,
             act, openReply, sendReply, held, dateTime };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" class="filters">
      <el-form-item :label="$t('reviews.rating')">
        <el-select v-model="filters.rating" @change="search" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="review-rating">
          <el-option v-for="n in [5, 4, 3, 2, 1]" :key="n" :value="n" :label="$t('reviews.stars', { n })" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('reviews.status')">
        <el-select v-model="filters.status" @change="search" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="review-status">
          <el-option v-for="s in ['pending', 'published']" :key="s" :value="s" :label="$t('reviews.statuses.' + s)" />
        </el-select>
      </el-form-item>
      <el-form-item>
        <el-checkbox v-model="filters.with_pictures" @change="search">{{ $t('reviews.with_pictures') }}</el-checkbox>
      </el-form-item>
    </el-form>
    <el-table :data="rows" v-loading="loading" data-testid="reviews-table"
              :row-class-name="({ row }) => 'review-' + row.id">
      <el-table-column :label="$t('reviews.product')" min-width="140">
        <template #default="{ row }">{{ row.product_title }}<div class="muted">{{ row.spec }}</div></template>
      </el-table-column>
      <el-table-column :label="$t('reviews.buyer')" width="110">
        <template #default="{ row }">{{ row.buyer_nickname }}<div v-if="row.anonymous" class="muted">{{ $t('reviews.anonymous') }}</div></template>
      </el-table-column>
      <el-table-column :label="$t('reviews.content')" min-width="300">
        <template #default="{ row }">
          <el-rate :model-value="row.rating" disabled size="small" />
          <div class="review-text">{{ row.content }}</div>
          <el-image v-for="img in row.images" :key="img.id" :src="img.thumb_url"
                    :preview-src-list="row.images.map(i => i.url)" fit="cover" class="photo" preview-teleported />
          <div v-if="row.follow_up" class="review-text">{{ $t('reviews.follow_up') }}：{{ row.follow_up.content }}</div>
          <div v-if="row.reply" class="review-reply" data-testid="review-reply">{{ $t('reviews.your_reply') }}：{{ row.reply.content }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('reviews.status')" width="130">
        <template #default="{ row }">
          <el-tag v-if="held(row)" type="warning">{{ $t('reviews.statuses.pending') }}</el-tag>
          <el-tag v-else type="success">{{ $t('reviews.statuses.published') }}</el-tag>
          <div v-if="row.hidden"><el-tag type="info" data-testid="review-hidden">{{ $t('reviews.hidden_reasons.' + row.hidden_reason) }}</el-tag></div>
          <div v-if="row.report_count" class="muted">{{ $t('reviews.reports', { n: row.report_count }) }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('reviews.created')" width="150">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="200" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openReply(row)" data-action="reply">{{ $t('reviews.reply') }}</el-button>
          <el-button v-if="held(row)" link type="success" @click="act(row, 'approve', 'reviews.approved_ok')" data-action="approve">{{ $t('reviews.approve') }}</el-button>
          <el-button v-if="row.hidden" link type="primary" @click="act(row, 'unhide', 'reviews.shown_ok')" data-action="unhide">{{ $t('reviews.unhide') }}</el-button>
          <el-button v-else link type="danger" @click="act(row, 'hide', 'reviews.hidden_ok')" data-action="hide">{{ $t('reviews.hide') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-dialog v-model="dialog" :title="$t('reviews.reply_title')" width="480px" data-testid="reply-dialog">
      <el-input v-model="reply.content" type="textarea" :rows="4" maxlength="500" show-word-limit
                data-testid="reply-content" />
      <div v-if="reply.error" class="row-error">{{ reply.error }}</div>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="sendReply" data-testid="reply-submit">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};

// 写评价: stars, words and photos for one received line. Each photo is
// sent as it is picked (POST /mp/v1/uploads, purpose "review"); the review
// (POST /mp/v1/reviews) names the uploads the server kept. Done, the
// product's page shows it.
import { ApiError, api, showError, token } from "../api.js";
import { t } from "../i18n.js";

const { ref } = Vue;
const MAX_PHOTOS = 9;  // the server's limit, for the picker's count

async function upload(file) {
  const form = new FormData();
  form.append("file", file);
  form.append("purpose", "review");
  const response = await fetch("/mp/v1/uploads", {
    method: "POST", body: form, credentials: "omit",
    headers: { Accept: "application/json", Authorization: `Bearer ${token.get()}` } });
  const data = await response.json().catch(() => null);
  if (response.ok) return data;
  const error = (data && data.error) || {};
  throw new ApiError(response.status, error.code || `http_${response.status}`,
                     error.message || response.statusText, error.details);
}

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const lineId = Number(route.params.line);
    const rating = ref(5);
    const content = ref("");
    const photos = ref([]);  // the uploads the server kept, shown from its thumbnails
    const sending = ref(false);
    const uploading = ref(0);
    async function afterRead(picked) {
      for (const item of [].concat(picked)) {
        uploading.value += 1;
        try {
          photos.value.push(await upload(item.file));
        } catch (err) {
          showError(err);
        } finally {
          uploading.value -= 1;
        }
      }
    }
    const drop = (index) => photos.value.splice(index, 1);
    async function send() {
      sending.value = true;
      try {
        await api.post("/mp/v1/reviews", {
          order_line_id: lineId, rating: rating.value, content: content.value,
          images: photos.value.map((p) => p.id) });
        vant.showToast({ type: "success", message: t("review.sent") });
        router.replace(route.query.product ? `/product/${route.query.product}` : "/me");
      } catch (err) {
        showError(err);
      } finally {
        sending.value = false;
      }
    }
    return { rating, content, photos, uploading, sending, afterRead, drop, send, MAX_PHOTOS };
  },
  template: `
    <van-nav-bar :title="$t('review.title')" left-arrow @click-left="$router.back()" />
    <div class="panel review-form">
      <div class="line-title" data-testid="review-product">{{ $route.query.title }}</div>
      <div class="review-stars">
        <span class="muted">{{ $t('review.rating') }}</span>
        <van-rate v-model="rating" :count="5" data-testid="review-rating" />
      </div>
      <van-field v-model="content" type="textarea" rows="4" autosize maxlength="500" show-word-limit
                 :placeholder="$t('review.placeholder')" data-testid="review-content" />
      <!-- previews are the server's thumbnails: the page loads no blob: image -->
      <div class="review-photos" data-testid="review-photos">
        <div v-for="(p, i) in photos" :key="p.id" class="review-photo" data-testid="review-photo">
          <van-image :src="p.thumb_url" width="72" height="72" fit="cover" radius="4" />
          <van-icon name="clear" class="review-photo-drop" @click="drop(i)" />
        </div>
        <van-loading v-if="uploading" class="review-photo review-photo-wait" />
        <van-uploader v-if="photos.length + uploading < MAX_PHOTOS" :after-read="afterRead"
                      :preview-image="false" multiple accept="image/*" />
      </div>
    </div>
    <div class="page-actions">
      <van-button round block type="primary" :loading="sending" @click="send"
                  data-testid="review-submit">{{ $t('review.submit') }}</van-button>
    </div>`,
};

// 分享: makes a share of a group or a bargain (POST /mp/v1/shares) when
// opened, then shows its poster (GET /mp/v1/shares/poster.png) and the link
// a friend opens (the server's /s/<scene> landing).
import { api, showError } from "../api.js";

const { ref, watch } = Vue;

export default {
  props: { show: Boolean, kind: String, targetId: Number },
  emits: ["update:show"],
  setup(props) {
    const share = ref(null);
    watch(() => props.show, async (open) => {
      if (!open || share.value) return;
      try {
        share.value = await api.post("/mp/v1/shares", { kind: props.kind,
                                                        target_id: props.targetId,
                                                        channel: "poster" });
      } catch (err) {
        showError(err);
      }
    });
    const poster = (s) => `/mp/v1/shares/poster.png?scene=${encodeURIComponent(s.scene)}`;
    return { share, poster };
  },
  template: `
    <van-popup :show="show" @update:show="$emit('update:show', $event)" round closeable
               position="bottom" class="share-popup" data-testid="share-popup">
      <div class="popup-title">{{ $t('share.title') }}</div>
      <van-loading v-if="!share" class="page-loading" />
      <template v-else>
        <img class="share-poster" :src="poster(share)" :alt="$t('share.poster')"
             data-testid="share-poster" />
        <div class="share-link-label muted">{{ $t('share.link') }}</div>
        <div class="share-link" data-testid="share-link">{{ share.url }}</div>
        <p class="muted share-hint">{{ $t('share.hint') }}</p>
      </template>
    </van-popup>`,
};

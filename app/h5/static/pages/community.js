// 社群 (#/community/<id>): the community as its member sees it: its
// announcements (my inbox rows, marked read when shown), pinned offers,
// pickup points, my pickup orders (each opens its code as a QR), an invite
// link for friends, and leaving. What I may do is the server's answer.
import { api, showError } from "../api.js";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";

const { ref, onMounted, watch } = Vue;

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = Number(route.params.id);
    const community = ref(null);
    const inbox = ref(null);
    const offers = ref([]);
    const points = ref([]);
    const pickups = ref([]);
    const tab = ref("inbox");
    const failure = ref("");
    const share = ref(null);
    const busy = ref(false);
    const base = `/mp/v1/communities/${id}`;

    async function markRead(items) {
      const unread = items.filter((m) => !m.read).map((m) => m.id);
      if (unread.length) await api.post("/mp/v1/inbox/read", { message_ids: unread });
    }
    onMounted(async () => {
      try {
        const [found, messages, pinned, open, mine] = await Promise.all([
          api.get(base), api.get(`${base}/inbox`, { per_page: 50 }), api.get(`${base}/offers`),
          api.get(`${base}/pickup-points`), api.get(`${base}/pickups`)]);
        community.value = found;
        inbox.value = messages;
        offers.value = pinned;
        points.value = open;
        pickups.value = mine;
        await markRead(messages.items);
      } catch (err) {
        showError(err);
        failure.value = err.message;
      }
    });
    watch(tab, () => window.scrollTo(0, 0));

    async function invite() {
      busy.value = true;
      try {
        share.value = await api.post("/mp/v1/shares", { kind: "community", target_id: id,
                                                        channel: "wechat_chat" });
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    async function leave() {
      try {
        await vant.showConfirmDialog({ message: t("community.leave_question") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`${base}/leave`);
        router.replace("/communities");
      } catch (err) {
        showError(err);
      }
    }
    const joinLink = (scene) => `${location.origin}/h5/#/join/${encodeURIComponent(scene)}`;
    return { community, inbox, offers, points, pickups, tab, failure, share, busy, invite, leave,
             joinLink, dateTime };
  },
  template: `
    <van-nav-bar :title="community ? community.name : $t('community.title')" left-arrow
                 @click-left="$router.back()" />
    <van-empty v-if="failure" image="error" :description="failure" />
    <van-loading v-else-if="!community" class="page-loading" />
    <template v-else>
      <div class="community-head" data-testid="community-head">
        <div class="community-name">{{ community.name }}</div>
        <div>{{ $t('community.members', { n: community.members }) }} ·
          {{ $t('community.roles.' + community.role) }}</div>
        <div v-if="community.invite_code" data-testid="community-code">
          {{ $t('community.invite_code') }} <b>{{ community.invite_code }}</b></div>
      </div>
      <van-tabs v-model:active="tab" sticky data-testid="community-tabs">
        <van-tab name="inbox" :title="$t('community.tabs.inbox')">
          <van-empty v-if="!inbox.items.length" :description="$t('community.no_announcements')" />
          <article v-for="m in inbox.items" :key="m.id" class="panel announcement"
                   :data-testid="'announcement-' + m.announcement_id">
            <h3>{{ m.title }}</h3>
            <div class="muted">{{ dateTime(m.created_at) }}</div>
            <p>{{ m.body }}</p>
          </article>
        </van-tab>
        <van-tab name="pickups" :title="$t('community.tabs.pickups')">
          <van-cell-group class="panel" data-testid="my-pickups">
            <van-empty v-if="!pickups.length" :description="$t('community.no_pickups')" />
            <van-cell v-for="p in pickups" :key="p.order_id" is-link :to="'/pickup/' + p.order_id"
                      :title="$t('pickup.order', { id: p.order_id })" :label="p.point.name"
                      :value="$t('pickup.status.' + p.status)"
                      :data-testid="'pickup-' + p.order_id" />
          </van-cell-group>
          <h2 class="section-title">{{ $t('community.points') }}</h2>
          <van-cell-group class="panel" data-testid="pickup-points">
            <van-empty v-if="!points.length" :description="$t('community.no_points')" />
            <van-cell v-for="pt in points" :key="pt.id" :title="pt.name" icon="location-o"
                      :label="pt.address + ' · ' + pt.opening_hours" />
          </van-cell-group>
        </van-tab>
        <van-tab name="offers" :title="$t('community.tabs.offers')">
          <van-cell-group class="panel" data-testid="offers">
            <van-empty v-if="!offers.length" :description="$t('community.no_offers')" />
            <van-cell v-for="o in offers" :key="o.id" :title="o.title"
                      :value="$t('community.offer_kinds.' + o.kind)" />
          </van-cell-group>
        </van-tab>
      </van-tabs>
      <div class="page-actions">
        <van-button round block plain type="primary" :loading="busy" @click="invite"
                    data-testid="community-invite">{{ $t('community.invite') }}</van-button>
        <div v-if="share" class="panel community-share" data-testid="community-share">
          <div class="muted">{{ $t('community.invite_link') }}</div>
          <div class="dist-link">{{ joinLink(share.scene) }}</div>
        </div>
        <van-button v-if="community.role === 'member'" round block plain type="danger"
                    class="gap-top" @click="leave" data-testid="community-leave">
          {{ $t('community.leave') }}</van-button>
      </div>
    </template>`,
};

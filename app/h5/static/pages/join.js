// A share link opened in the app (#/join/<scene>): what was shared and by
// whom (GET /mp/v1/shares/resolve), then the one step it invites to: join
// the community (kind community), or bind to the distributor who shared
// (kind invite, in this app's shop). The server decides whether either
// may happen and says why not.
import { api, errorText } from "../api.js";
import { shopId } from "../shop.js";

const { ref, onMounted } = Vue;
const KINDS = ["community", "invite"];

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const share = ref(null);
    const failure = ref("");
    const done = ref(false);
    const busy = ref(false);
    const scene = route.params.scene;

    onMounted(async () => {
      try {
        share.value = await api.get("/mp/v1/shares/resolve", { scene });
      } catch (err) {
        failure.value = errorText(err);
      }
    });
    async function accept() {
      busy.value = true;
      try {
        if (share.value.kind === "community") {
          const joined = await api.post("/mp/v1/communities/join-by-share", { scene });
          router.replace(`/community/${joined.community_id}`);
          return;
        }
        await api.post("/mp/v1/referral/bind", { merchant_id: await shopId(route), scene });
        done.value = true;
      } catch (err) {
        failure.value = errorText(err);
      } finally {
        busy.value = false;
      }
    }
    return { share, failure, done, busy, accept, KINDS };
  },
  template: `
    <van-nav-bar :title="$t('join.title')" left-arrow @click-left="$router.replace('/')" />
    <van-empty v-if="failure && !share" image="error" :description="failure" data-testid="join-failure" />
    <van-loading v-else-if="!share" class="page-loading" />
    <section v-else class="panel join-card" data-testid="join-card">
      <div class="join-sharer">{{ $t('join.shared_by', { name: share.sharer.nickname }) }}</div>
      <template v-if="share.kind === 'community'">
        <h2 data-testid="join-title">{{ share.target.title }}</h2>
        <p class="muted">{{ $t('community.members', { n: share.target.members }) }}</p>
      </template>
      <template v-else-if="share.kind === 'invite'">
        <h2 data-testid="join-title">{{ $t('join.invite_title', { name: share.sharer.nickname }) }}</h2>
        <p class="muted">{{ $t('join.invite_text', { name: share.sharer.nickname }) }}</p>
      </template>
      <p v-else class="muted">{{ $t('join.other_kind') }}</p>
      <div v-if="failure" class="dist-problem" data-testid="join-problem">{{ failure }}</div>
      <van-button v-if="done" round block type="success" to="/" data-testid="join-done">
        {{ $t('join.bound') }}</van-button>
      <van-button v-else-if="KINDS.includes(share.kind)" round block type="primary" :loading="busy"
                  @click="accept" data-testid="join-accept">
        {{ share.kind === 'community' ? $t('join.join_community') : $t('join.accept_invite') }}
      </van-button>
    </section>`,
};

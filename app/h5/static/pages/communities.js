// 我的社群: the communities I belong to (my role, how many members), and
// joining one by its invite code. A share link opens #/join/<scene> instead.
import { api, showError } from "../api.js";

const { ref, onMounted } = Vue;

export default {
  setup() {
    const router = VueRouter.useRouter();
    const items = ref([]);
    const loading = ref(true);
    const code = ref("");
    const busy = ref(false);

    async function load() {
      items.value = (await api.get("/mp/v1/communities", { per_page: 50 })).items;
    }
    onMounted(async () => {
      try {
        await load();
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    });
    async function join() {
      if (!code.value.trim()) return;
      busy.value = true;
      try {
        const joined = await api.post("/mp/v1/communities/join", { invite_code: code.value.trim() });
        router.push(`/community/${joined.community_id}`);
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    return { items, loading, code, busy, join };
  },
  template: `
    <van-nav-bar :title="$t('community.mine')" left-arrow @click-left="$router.back()" />
    <van-cell-group class="panel" data-testid="join-by-code">
      <van-field v-model="code" :label="$t('community.invite_code')" maxlength="16"
                 :placeholder="$t('community.code_hint')" data-testid="invite-code-input">
        <template #button>
          <van-button size="small" type="primary" :loading="busy" @click="join"
                      data-testid="invite-code-join">{{ $t('community.join') }}</van-button>
        </template>
      </van-field>
    </van-cell-group>
    <van-loading v-if="loading" class="page-loading" />
    <van-empty v-else-if="!items.length" :description="$t('community.none')" />
    <van-cell-group v-else class="panel" data-testid="communities">
      <van-cell v-for="c in items" :key="c.id" :title="c.name" is-link :to="'/community/' + c.id"
                :label="$t('community.members', { n: c.members })"
                :value="$t('community.roles.' + c.role)" :data-testid="'community-' + c.id" />
    </van-cell-group>`,
};

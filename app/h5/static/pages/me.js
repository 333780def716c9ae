// 我的: who is signed in, my orders by state, favourites, history and
// after-sales, the language, sign out.
import { session, forget } from "../session.js";
import { LANGUAGES, locale, setLocale } from "../i18n.js";
import { api, showError } from "../api.js";

const SHORTCUTS = [
  { status: "pending_payment", icon: "balance-pay" },
  { status: "to_ship", icon: "send-gift-o" },
  { status: "shipped", icon: "logistics" },
  { status: "completed", icon: "completed-o" },
];

export default {
  setup() {
    const router = VueRouter.useRouter();
    function signOut() {
      forget();
      router.replace("/");
    }
    async function signOutEverywhere() {
      try {
        await api.post("/mp/v1/auth/logout-all");
      } catch (err) {
        showError(err);
      }
      signOut();
    }
    return { session, LANGUAGES, locale, setLocale, SHORTCUTS, signOut, signOutEverywhere };
  },
  template: `
    <div class="me-head">
      <van-image v-if="session.user.avatar_url" round width="56" height="56"
                 :src="session.user.avatar_url" fit="cover" />
      <div v-else class="me-avatar"><van-icon name="user-o" size="30" /></div>
      <div class="me-name" data-testid="me-name">{{ session.user.nickname }}</div>
    </div>
    <van-cell-group class="panel">
      <van-cell :title="$t('me.orders')" is-link to="/orders" :value="$t('me.all_orders')" />
      <van-grid :column-num="4" :border="false">
        <van-grid-item v-for="s in SHORTCUTS" :key="s.status" :icon="s.icon"
                       :text="$t('status.' + s.status)"
                       :to="{ path: '/orders', query: { status: s.status } }" />
      </van-grid>
    </van-cell-group>
    <van-cell-group class="panel" data-testid="me-discovery">
      <van-cell :title="$t('favourites.title')" icon="star-o" is-link to="/favourites" />
      <van-cell :title="$t('history.title')" icon="clock-o" is-link to="/history" />
      <van-cell :title="$t('aftersale.mine')" icon="after-sale" is-link to="/after-sales" />
    </van-cell-group>
    <van-cell-group class="panel" data-testid="me-promos">
      <van-cell :title="$t('mine.groups')" icon="friends-o" is-link to="/my/groups"
                data-testid="me-groups" />
      <van-cell :title="$t('mine.bargains')" icon="fire-o" is-link to="/my/bargains"
                data-testid="me-bargains" />
      <van-cell :title="$t('review.awaiting')" icon="comment-o" is-link to="/reviews/awaiting"
                data-testid="me-reviews" />
    </van-cell-group>
    <van-cell-group class="panel">
      <van-cell :title="$t('me.language')">
        <template #value>
          <van-radio-group :model-value="locale" direction="horizontal"
                           @update:model-value="setLocale" data-testid="language">
            <van-radio v-for="l in LANGUAGES" :key="l.code" :name="l.code">{{ l.label }}</van-radio>
          </van-radio-group>
        </template>
      </van-cell>
    </van-cell-group>
    <van-cell-group class="panel" data-testid="me-social">
      <van-cell :title="$t('me.membership')" icon="gem-o" is-link to="/membership"
                data-testid="me-membership" />
      <van-cell :title="$t('me.distributor')" icon="cash-back-record-o" is-link to="/distributor"
                data-testid="me-distributor" />
      <van-cell :title="$t('me.communities')" icon="friends-o" is-link to="/communities"
                data-testid="me-communities" />
    </van-cell-group>
    <div class="page-actions">
      <van-button round block @click="signOut" data-testid="sign-out">{{ $t('me.sign_out') }}</van-button>
      <van-button round block plain type="danger" class="gap-top"
                  @click="signOutEverywhere">{{ $t('me.sign_out_everywhere') }}</van-button>
    </div>`,
};

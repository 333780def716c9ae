// Sign-in. In development: a name for the server's development resolver
// (the same person for the same name). The server says whether it is
// allowed; the page only asks.
import { signIn } from "../session.js";
import { showError } from "../api.js";

const { ref } = Vue;

export default {
  setup() {
    const router = VueRouter.useRouter();
    const route = VueRouter.useRoute();
    const name = ref("");
    const busy = ref(false);
    async function submit() {
      busy.value = true;
      try {
        await signIn(name.value.trim());
        router.replace(route.query.next || "/");
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    return { name, busy, submit };
  },
  template: `
    <van-nav-bar :title="$t('signin.title')" left-arrow @click-left="$router.back()" />
    <div class="signin">
      <h1 class="signin-brand">{{ $t('app.name') }}</h1>
      <p class="signin-hint">{{ $t('signin.dev_hint') }}</p>
      <van-form @submit="submit">
        <van-cell-group inset>
          <van-field v-model="name" name="name" :label="$t('signin.name')"
                     :placeholder="$t('signin.name_placeholder')" autocomplete="username"
                     :rules="[{ required: true, message: $t('signin.name_required') }]" />
        </van-cell-group>
        <div class="page-actions">
          <van-button round block type="primary" native-type="submit" :loading="busy"
                      data-testid="signin-submit">{{ $t('signin.submit') }}</van-button>
        </div>
      </van-form>
    </div>`,
};

// 取货码: a pickup order's code (GET /mp/v1/pickups/<order_id>) as digits
// and as a QR code the leader can scan, with the point and its hours. The
// QR is drawn here from the code by the vendored qrcode-generator.
import { api, errorText } from "../api.js";
import { dateTime } from "../format.js";

const { ref, onMounted, nextTick } = Vue;

async function drawQr(canvas, text) {
  const { qrcode } = await import(document.getElementById("app").dataset.qrcode);
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  const cell = Math.floor(canvas.width / (count + quiet * 2));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  const offset = Math.floor((canvas.width - cell * count) / 2);
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.isDark(row, col)) ctx.fillRect(offset + col * cell, offset + row * cell, cell, cell);
    }
  }
}

export default {
  setup() {
    const route = VueRouter.useRoute();
    const pickup = ref(null);
    const failure = ref("");
    const canvas = ref(null);
    onMounted(async () => {
      try {
        pickup.value = await api.get(`/mp/v1/pickups/${route.params.id}`);
        if (pickup.value.status === "waiting") {
          await nextTick();
          await drawQr(canvas.value, pickup.value.code);
        }
      } catch (err) {
        failure.value = errorText(err);
      }
    });
    return { pickup, failure, canvas, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('pickup.title')" left-arrow @click-left="$router.back()" />
    <van-empty v-if="failure" image="error" :description="failure" />
    <van-loading v-else-if="!pickup" class="page-loading" />
    <section v-else class="panel pickup-card" data-testid="pickup">
      <div class="muted">{{ $t('pickup.order', { id: pickup.order_id }) }}</div>
      <template v-if="pickup.status === 'waiting'">
        <canvas ref="canvas" width="480" height="480" class="pickup-qr" data-testid="pickup-qr"></canvas>
        <div class="pickup-code" data-testid="pickup-code">{{ pickup.code }}</div>
        <p class="muted">{{ $t('pickup.show') }}</p>
      </template>
      <div v-else class="pickup-state" data-testid="pickup-status">
        {{ $t('pickup.status.' + pickup.status) }}
        <span v-if="pickup.picked_up_at">{{ dateTime(pickup.picked_up_at) }}</span>
      </div>
      <van-cell-group :border="false">
        <van-cell :title="pickup.point.name" :label="pickup.point.address" icon="location-o" />
        <van-cell :title="$t('pickup.hours')" :value="pickup.point.opening_hours" />
      </van-cell-group>
    </section>`,
};

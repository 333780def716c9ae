// Where the goods go: the buyer's addresses (GET /mp/v1/addresses, the
// default first) to pick from, and a new one with Vant's address form and
// Area picker over the vendored regions (the codes /mp/v1 takes). The
// server validates the address; the page shows what it refuses.
import { api, showError } from "../api.js";
import { t } from "../i18n.js";

const { ref, computed, onMounted } = Vue;
let regions = null;  // the area-data.json the server vendors, read once

async function areaList() {
  if (!regions) {
    const response = await fetch(document.getElementById("app").dataset.regions);
    regions = await response.json();
  }
  return regions;
}

export function addressLine(a) {
  return `${a.province}${a.city}${a.district} ${a.detail}`;
}

export default {
  props: { show: Boolean, chosenId: Number },
  emits: ["update:show", "chosen", "empty"],
  setup(props, { emit }) {
    const addresses = ref([]);
    const adding = ref(false);
    const areas = ref({});
    const saving = ref(false);
    async function load() {
      addresses.value = await api.get("/mp/v1/addresses");
      return addresses.value;
    }
    onMounted(async () => {
      try {
        const list = await load();
        if (list.length) {
          emit("chosen", list[0]);  // the default comes first
        } else {
          emit("empty");
          await startAdding();  // a buyer without any address starts with the form
          emit("update:show", true);
        }
      } catch (err) {
        showError(err);
      }
    });
    async function startAdding() {
      areas.value = await areaList();
      adding.value = true;
    }
    async function save(info) {
      saving.value = true;
      try {
        const made = await api.post("/mp/v1/addresses", {
          recipient: info.name, phone: info.tel, region_code: info.areaCode,
          detail: info.addressDetail, is_default: Boolean(info.isDefault) });
        await load();
        adding.value = false;
        emit("chosen", made);
        emit("update:show", false);
      } catch (err) {
        showError(err);
      } finally {
        saving.value = false;
      }
    }
    function choose(address) {
      emit("chosen", address);
      emit("update:show", false);
    }
    const unpicked = computed(() => Array(3).fill(t("address.pick")));
    return { addresses, adding, areas, saving, startAdding, save, choose, addressLine, unpicked,
             anyPhone: () => true };
  },
  template: `
    <van-popup :show="show" @update:show="$emit('update:show', $event)" @closed="adding = false"
               position="bottom" round closeable class="address-popup"
               data-testid="address-popup">
      <template v-if="!adding">
        <h2 class="popup-title">{{ $t('address.choose') }}</h2>
        <van-empty v-if="!addresses.length" image="location-o" :description="$t('address.none')" />
        <van-cell v-for="a in addresses" :key="a.id" clickable @click="choose(a)"
                  :data-testid="'address-' + a.id">
          <template #title>
            <span class="address-who">{{ a.recipient }} {{ a.phone }}</span>
            <van-tag v-if="a.is_default" type="primary" class="address-tag">{{ $t('address.default') }}</van-tag>
          </template>
          <template #label>{{ addressLine(a) }}</template>
          <template #right-icon>
            <van-icon v-if="a.id === chosenId" name="success" class="chosen-mark" />
          </template>
        </van-cell>
        <div class="page-actions">
          <van-button round block type="primary" icon="plus" @click="startAdding"
                      data-testid="address-add">{{ $t('address.add') }}</van-button>
        </div>
      </template>
      <template v-else>
        <h2 class="popup-title">{{ $t('address.new') }}</h2>
        <!-- each column starts on a placeholder: no region is chosen for the buyer -->
        <van-address-edit :area-list="areas" show-set-default :is-saving="saving"
                          :area-columns-placeholder="unpicked"
                          :tel-validator="anyPhone" :save-button-text="$t('address.save')"
                          @save="save" data-testid="address-form" />
      </template>
    </van-popup>`,
};

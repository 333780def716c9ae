// 直播: the rooms live now (and paused, back soon) and the scheduled ones,
// as GET /mp/v1/live/rooms lists them.
import { api, showError } from "../api.js";
import { dateTime } from "../format.js";

const { ref, onMounted } = Vue;

export default {
  setup() {
    const rooms = ref([]);
    const loading = ref(true);
    onMounted(async () => {
      try {
        rooms.value = (await api.get("/mp/v1/live/rooms", { per_page: 50 })).items;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    });
    return { rooms, loading, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('live.rooms')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="loading" class="page-loading" />
    <van-empty v-else-if="!rooms.length" :description="$t('live.none')" />
    <div v-else class="live-list" data-testid="live-rooms">
      <router-link v-for="room in rooms" :key="room.id" :to="'/live/' + room.id"
                   class="live-card" :data-testid="'live-room-' + room.id">
        <div class="live-card-cover">
          <van-image v-if="room.cover_url" :src="room.cover_url" fit="cover" class="live-card-image" />
          <van-icon v-else name="video-o" size="40" />
          <van-tag class="live-card-state" :type="room.state === 'live' ? 'danger' : 'primary'">
            {{ $t('live.state.' + room.state) }}</van-tag>
        </div>
        <div class="live-card-title">{{ room.title }}</div>
        <div class="muted live-card-when">{{ room.state === 'scheduled'
          ? $t('live.starts_at', { at: dateTime(room.scheduled_at) })
          : $t('live.since', { at: dateTime(room.started_at) }) }}</div>
      </router-link>
    </div>`,
};

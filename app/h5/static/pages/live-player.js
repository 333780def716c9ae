// The live room's video: plays the room's signed pull URL as the server
// gave it. HLS (.m3u8) with hls.js where the browser has Media Source,
// else the browser's own HLS (iOS Safari); HTTP-FLV (.flv) with mpegts.js.
// The players are vendored files, loaded once, when a room is opened.
const loaded = {};

function script(src) {
  if (!loaded[src]) {
    loaded[src] = new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.appendChild(tag);
    });
  }
  return loaded[src];
}

export function playerPaths() {
  const [hls, mpegts, socketio] = document.getElementById("app").dataset.players.split(",");
  return { hls, mpegts, socketio };
}

export function loadSocketIo() {
  return script(playerPaths().socketio);
}

// attach(video, url) -> a stop() function
export async function attach(video, url) {
  const paths = playerPaths();
  const path = url.split("?")[0];
  if (path.endsWith(".flv")) {
    await script(paths.mpegts);
    if (window.mpegts && mpegts.isSupported()) {
      const player = mpegts.createPlayer({ type: "flv", isLive: true, url },
                                         { enableWorker: false });
      player.attachMediaElement(video);
      player.load();
      video.play().catch(() => {});
      return () => player.destroy();
    }
    return () => {};
  }
  await script(paths.hls);
  if (window.Hls && Hls.isSupported()) {
    const hls = new Hls({ enableWorker: false });
    hls.loadSource(url);
    hls.attachMedia(video);
    hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));
    hls.on(Hls.Events.ERROR, (event, data) => {  // recover what can be recovered
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
      else if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
    });
    return () => hls.destroy();
  }
  video.src = url;  // the browser's own HLS
  video.play().catch(() => {});
  return () => { video.removeAttribute("src"); video.load(); };
}

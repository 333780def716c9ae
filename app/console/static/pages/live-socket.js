// The live pages' own assets and the room's socket. The Socket.IO client is
// the one the app already serves for the live pages (/static/live/), loaded
// once; the styles are pages/live.css. The socket signs in with the console's
// cookie and the session's CSRF token (auth: {console}), joins the room on
// every (re)connect, and hands the snapshot and each event to the page.
import { api } from "../api.js";

const SOCKET_IO = "/static/live/socket.io.min.js";
const STYLES = new URL("./live.css", import.meta.url).pathname;
let loading = null;

export function useStyles() {
  if (document.querySelector(`link[href="${STYLES}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLES;
  document.head.appendChild(link);
}

function loadClient() {
  if (window.io) return Promise.resolve(window.io);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = SOCKET_IO;
      script.onload = () => resolve(window.io);
      script.onerror = () => { loading = null; reject(new Error("socket.io client")); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

// {room_id} added to every event; resolves with the server's acknowledgement
function sender(socket, roomId) {
  return (event, data = {}) => new Promise((resolve) => {
    socket.timeout(10_000).emit(event, { room_id: roomId, ...data }, (err, answer) => {
      if (err) resolve({ error: { code: "network_error", message: String(err) } });
      else resolve(answer);
    });
  });
}

// connect(roomId, {onSnapshot, onStatus, on: {event: fn}}) -> {send, close}
export async function connect(roomId, { onSnapshot, onStatus, on = {} }) {
  const [io, session] = await Promise.all([loadClient(), api.get("/api/v1/console/session")]);
  const socket = io("/live", { auth: { console: session.csrf_token }, forceNew: true });
  const send = sender(socket, roomId);
  onStatus("connecting");
  socket.on("connect", async () => {
    onStatus("connected");
    const snap = await send("join");
    if (snap && snap.ok) onSnapshot(snap);
    else onStatus("refused", snap && snap.error);
  });
  socket.on("disconnect", () => onStatus("disconnected"));
  socket.on("connect_error", (err) => onStatus("refused", err && err.data));
  for (const [event, fn] of Object.entries(on)) socket.on(event, fn);
  return { send, close: () => socket.disconnect() };
}

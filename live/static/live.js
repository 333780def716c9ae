/* The viewer page's plumbing: the token (URL fragment
   #token=... or localStorage; the fragment is dropped from the address once
   read; a guest sends its own key instead), the /live connection that joins
   on every (re)connect with the token in its auth payload (never in the
   URL), acks and refusals with their error codes shown, and small renderers.
   A token the server refuses (expired, revoked) is forgotten. */
(function () {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("token")) {
    localStorage.setItem("liveToken", params.get("token"));
    history.replaceState(null, "", location.pathname + location.search);
  }
  const token = localStorage.getItem("liveToken") || "";
  const roomId = Number(document.body.dataset.roomId);
  const $ = (id) => document.getElementById(id);
  const yuan = (fen) => (fen / 100).toFixed(2);
  // ?polling=1 keeps to long-polling (servers that cannot upgrade to websockets)
  const transports = new URLSearchParams(location.search).get("polling") ? ["polling"] : undefined;
  // a guest keeps one key across reloads and reconnects: it counts once online
  let guest = localStorage.getItem("liveGuest");
  if (!guest) {
    guest = Array.from(crypto.getRandomValues(new Uint8Array(12)),
      (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem("liveGuest", guest);
  }
  const live = io("/live", { auth: token ? { token } : { guest }, transports });
  const handlers = {};

  function send(event, data) {
    return new Promise((resolve) => {
      live.emit(event, Object.assign({ room_id: roomId }, data || {}), (answer) => {
        $("status").textContent = answer && answer.error ? answer.error.code : "ok";
        resolve(answer);
      });
    });
  }
  function on(event, fn) { handlers[event] = fn; live.on(event, fn); }
  function renderShelf(shelf, pinnedId, buttons) {
    const list = $("shelf");
    list.innerHTML = "";
    shelf.forEach((p) => {
      const li = document.createElement("li");
      li.dataset.productId = p.product_id;
      li.className = p.product_id === pinnedId ? "pinned" : "";
      li.textContent = p.title + " ¥" + yuan(p.skus[0] ? p.skus[0].price_fen : 0) + " ";
      (buttons || []).forEach(([label, fn]) => {
        const b = document.createElement("button");
        b.textContent = label;
        b.onclick = () => fn(p);
        li.appendChild(b);
      });
      list.appendChild(li);
    });
  }
  function addMessage(m) {
    const li = document.createElement("li");
    li.className = m.kind;
    li.textContent = (m.kind === "announcement" ? "📣 " : m.nickname + ": ") + m.text;
    $("messages").appendChild(li);
  }
  live.on("connect", async () => {
    const snap = await send("join");
    if (snap && snap.ok && handlers.snapshot) handlers.snapshot(snap);
  });
  // a refusal carries err.data = {code, message}
  live.on("connect_error", (err) => {
    const code = (err && err.data && err.data.code) || "connect_error";
    if (["invalid_token", "token_expired", "token_revoked"].includes(code)) {
      localStorage.removeItem("liveToken");
    }
    $("status").textContent = code;
  });
  live.on("chat", addMessage);
  live.on("announcement", (e) => addMessage(e.message));
  // the like total never goes down on screen (after a Redis loss, another
  // server's last taps come back at its next beat)
  function showLikes(n) { $("likes").textContent = Math.max(n, Number($("likes").textContent) || 0); }
  live.on("counters", (c) => { showLikes(c.likes); $("online").textContent = c.online; });
  window.Live = { live, transports, send, on, roomId, token, yuan, $, renderShelf, addMessage, showLikes };
})();

/* The viewer page: watch, chat, like, see the pinned product, claim coupons
   and grab in-room flash sales (countdown and live stock from /flashsale). */
(function () {
  const { send, on, roomId, token, yuan, $, renderShelf, transports } = window.Live;
  const stock = io("/flashsale", { transports });
  const sales = {};
  let shelf = [];

  function showPinned(p) { $("pinned").textContent = p ? p.title : "nothing yet"; }
  function showSale(s) {
    sales[s.activity_id] = s;
    stock.emit("watch", { activity_id: s.activity_id }, (a) => a && a.ok && setLeft(s.activity_id, a.remaining));
    let li = document.querySelector(`li[data-activity-id="${s.activity_id}"]`);
    if (!li) {
      li = document.createElement("li");
      li.dataset.activityId = s.activity_id;
      li.innerHTML = `<span class="title"></span> ¥<span class="price"></span> · left <span class="left"></span>
        · ends in <span class="countdown"></span>s <button class="grab">Grab</button>`;
      li.querySelector(".grab").onclick = () => grab(s.activity_id);
      $("sale-list").appendChild(li);
    }
    li.querySelector(".title").textContent = s.title;
    li.querySelector(".price").textContent = yuan(s.price_fen);
    setLeft(s.activity_id, s.remaining);
  }
  function setLeft(id, left) {
    const el = document.querySelector(`li[data-activity-id="${id}"] .left`);
    if (el) el.textContent = left;
  }
  async function grab(id) {
    const headers = { "Content-Type": "application/json", Authorization: "Bearer " + token };
    const t = await (await fetch(`/mp/v1/flashsales/${id}/token`, { method: "POST", headers })).json();
    if (!t.token) { $("status").textContent = t.error.code; return; }
    const r = await fetch(`/mp/v1/flashsales/${id}/grab`, { method: "POST", headers,
      body: JSON.stringify({ token: t.token, source: { room: roomId } }) });
    const body = await r.json();
    $("status").textContent = body.order_id ? "order " + body.order_id : body.error.code;
  }
  function couponTerms(d) {
    const off = d.kind === "percent_off"
      ? `${d.percent_bps / 100}% off` + (d.cap_fen ? ` (up to ¥${yuan(d.cap_fen)})` : "")
      : `¥${yuan(d.amount_fen)} off`;
    return d.min_spend_fen ? `${off} over ¥${yuan(d.min_spend_fen)}` : off;
  }
  function showCoupon(d) {
    let li = document.querySelector(`li[data-drop-id="${d.id}"]`);
    if (!li) {
      li = document.createElement("li");
      li.dataset.dropId = d.id;
      li.innerHTML = `<span class="terms"></span> · left <span class="left"></span> <button>Claim</button>`;
      li.querySelector("button").onclick = () => send("claim", { drop_id: d.id });
      $("coupon-list").appendChild(li);
    }
    li.querySelector(".terms").textContent = couponTerms(d);
    li.querySelector(".left").textContent = d.left;
  }
  setInterval(() => {
    Object.values(sales).forEach((s) => {
      const el = document.querySelector(`li[data-activity-id="${s.activity_id}"] .countdown`);
      if (el) el.textContent = Math.max(0, Math.round((Date.parse(s.ends_at) - Date.now()) / 1000));
    });
  }, 500);
  stock.on("stock", (e) => setLeft(e.activity_id, e.remaining));
  on("snapshot", (snap) => {
    $("state").textContent = snap.room.state;
    window.Live.showLikes(snap.likes);
    $("online").textContent = snap.online;
    shelf = snap.shelf;
    renderShelf(shelf, snap.room.pinned_product_id);
    showPinned(snap.pinned);
    $("messages").innerHTML = "";
    snap.messages.forEach(window.Live.addMessage);
    snap.sales.forEach(showSale);
    snap.coupons.forEach(showCoupon);
  });
  on("pinned", (e) => { showPinned(e.product); renderShelf(shelf, e.product && e.product.product_id); });
  on("shelf", (e) => { shelf = e.shelf; renderShelf(shelf); });
  on("state", (e) => { $("state").textContent = e.state; });
  on("sale", (e) => showSale(e.sale));
  on("sale_ended", (e) => { const li = document.querySelector(`li[data-activity-id="${e.activity_id}"]`); if (li) li.remove(); });
  on("coupon", (e) => showCoupon(e.drop));
  on("coupon_left", (e) => { const el = document.querySelector(`li[data-drop-id="${e.drop_id}"] .left`); if (el) el.textContent = e.left; });
  on("lottery_open", (e) => window.Live.addMessage({ kind: "announcement", text: "Lottery: " +
    e.lottery.prize + (e.lottery.keyword ? " (send \"" + e.lottery.keyword + "\" to enter)" : " (like to enter)") }));
  on("lottery", (e) => window.Live.addMessage({ kind: "announcement", text: "Lottery winners: " + e.lottery.winners.join(", ") }));
  $("send").onclick = async () => { const a = await send("chat", { text: $("text").value }); if (a.ok) $("text").value = ""; };
  $("like").onclick = () => send("like", { count: 1 }).then((a) => { if (a.ok) window.Live.showLikes(a.likes); });
})();

/* The host console: go live, shelf and pin, start a sale, drop a coupon, draw
   a lottery, moderate, and live statistics with a chart of online viewers. */
(function () {
  const { send, on, yuan, $, renderShelf, showLikes } = window.Live;
  let samples = [];
  const num = (id) => Number($(id).value);

  function chart() {
    const pts = samples.slice(-120);
    const max = Math.max(1, ...pts.map((p) => p[1]));
    $("line").setAttribute("points", pts.map((p, i) =>
      `${(i * 400) / Math.max(1, pts.length - 1)},${100 - (p[1] * 90) / max}`).join(" "));
  }
  function showStats(s) {
    $("online").textContent = s.online; $("peak").textContent = s.peak_online;
    $("uniques").textContent = s.unique_viewers; showLikes(s.likes);
    $("msgs").textContent = s.messages; $("orders").textContent = s.orders;
    $("gmv").textContent = yuan(s.gmv_fen); $("conversion").textContent = s.conversion_bps;
  }
  function shelf(items, pinnedId) {
    renderShelf(items, pinnedId, [["Pin", (p) => send("pin", { product_id: p.product_id })]]);
  }
  let current = [];
  on("snapshot", (snap) => {
    $("state").textContent = snap.room.state;
    current = snap.shelf; shelf(current, snap.room.pinned_product_id);
    samples = snap.samples || []; chart();
    if (snap.stats) showStats(snap.stats);
    $("messages").innerHTML = ""; snap.messages.forEach(window.Live.addMessage);
  });
  on("stats", (s) => { showStats(s); samples.push([Date.now(), s.online]); chart(); });
  on("state", (e) => { $("state").textContent = e.state; });
  on("pinned", (e) => shelf(current, e.product && e.product.product_id));
  on("shelf", (e) => { current = e.shelf; shelf(current); });
  on("lottery_open", (e) => { lotteryId = e.lottery.id; });
  on("lottery", (e) => { $("winners-list").textContent = e.lottery.winners.join(", "); });
  const move = (state) => send("set_state", { state }).then((a) => {
    if (a && a.ok) $("state").textContent = a.state;
  });
  $("go-live").onclick = () => move("live");
  $("pause").onclick = () => move("paused");
  $("end").onclick = () => move("ended");
  $("sale-start").onclick = () => send("sale_start", { sku_id: num("sale-sku"),
    price_fen: num("sale-price"), quota: num("sale-quota"), minutes: num("sale-minutes") });
  // a drop names one of the shop's active coupons, or the amount of one made for it
  $("coupon-drop").onclick = () => send("coupon_drop", $("coupon-id").value
    ? { coupon_id: num("coupon-id"), quantity: num("coupon-n") }
    : { amount_fen: num("coupon-amount"), quantity: num("coupon-n") });
  let lotteryId = null;  // the lottery opened last; keyword senders count from its opening
  $("lottery-open").onclick = () => send("lottery_open", { prize: $("prize").value,
    winners: num("winners"), qualify: $("keyword").value ? "keyword" : "like",
    keyword: $("keyword").value }).then((a) => {
    if (a && a.ok) { lotteryId = a.lottery.id; $("winners-list").textContent = "open"; }
  });
  $("draw").onclick = () => send("lottery_draw", { lottery_id: lotteryId });
  $("mute").onclick = () => send("mute", { user_id: num("target"),
    minutes: $("mute-minutes").value ? num("mute-minutes") : null });
  $("kick").onclick = () => send("kick", { user_id: num("target") });
  $("ban").onclick = () => send("ban", { user_id: num("target") });
  $("announce").onclick = () => send("announce", { text: $("announcement").value });
})();

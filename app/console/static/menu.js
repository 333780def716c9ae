// The sidebar: groups in the order merchants know, each item one page.
// Adding a page: write pages/<name>.js (export default a component) and add
// one item here: { path, title (a locales key), permission, page }.
// An item shows only when the session's permissions include its permission;
// a group shows when one of its items does.
import dashboard from "./pages/dashboard.js";
import orders from "./pages/orders.js";
import exportsPage from "./pages/exports.js";
import afterSales from "./pages/after-sales.js";
import reviews from "./pages/reviews.js";
import staff from "./pages/staff.js";
import operationLog from "./pages/operation-log.js";
import flashSales from "./pages/flash-sales.js";
import groupBuys from "./pages/group-buys.js";
import bargains from "./pages/bargains.js";
import coupons from "./pages/coupons.js";
import platformMerchants from "./pages/platform-merchants.js";
import liveRooms from "./pages/live-rooms.js";
import products from "./pages/products.js";
import freightTemplates from "./pages/freight-templates.js";
import aftersaleSettings from "./pages/aftersale-settings.js";
import comingSoon from "./pages/coming-soon.js";
import distributors from "./pages/distributors.js";
import distributionSettings from "./pages/distribution-settings.js";
import withdrawals from "./pages/withdrawals.js";
import payable from "./pages/payable.js";
import members from "./pages/members.js";
import memberTags from "./pages/member-tags.js";
import memberSegments from "./pages/member-segments.js";
import memberSettings from "./pages/member-settings.js";
import communities from "./pages/communities.js";
import pickLists from "./pages/pick-lists.js";
import leaderWorkbench from "./pages/leader-workbench.js";
import { can } from "./session.js";

export const MENU = [
  { group: "overview", icon: "DataLine", items: [
    { path: "/dashboard", title: "menu.dashboard", permission: "orders", page: dashboard }] },
  { group: "catalog", icon: "Goods", items: [
    { path: "/products", title: "menu.products", permission: "catalog", page: products }] },
  { group: "orders", icon: "List", items: [
    { path: "/orders", title: "menu.orders", permission: "orders", page: orders },
    { path: "/exports", title: "menu.exports", permission: "orders", page: exportsPage }] },
  { group: "after_sales", icon: "RefreshLeft", items: [
    { path: "/after-sales", title: "menu.after_sales", permission: "orders", page: afterSales },
    { path: "/reviews", title: "menu.reviews", permission: "orders", page: reviews }] },
  { group: "marketing", icon: "Present", items: [
    { path: "/flash-sales", title: "menu.flash_sales", permission: "marketing", page: flashSales },
    { path: "/group-buys", title: "menu.group_buys", permission: "marketing", page: groupBuys },
    { path: "/bargains", title: "menu.bargains", permission: "marketing", page: bargains },
    { path: "/coupons", title: "menu.coupons", permission: "marketing", page: coupons }] },
  { group: "live", icon: "VideoCamera", items: [
    { path: "/live-rooms", title: "menu.live_rooms", permission: "live", page: liveRooms }] },
  { group: "distribution", icon: "Share", items: [
    { path: "/promoters", title: "menu.promoters", permission: "distribution",
      page: distributors },
    { path: "/distribution/settings", title: "menu.dist_settings", permission: "distribution",
      page: distributionSettings },
    { path: "/distribution/withdrawals", title: "menu.dist_withdrawals", permission: "finance",
      page: withdrawals },
    { path: "/distribution/payable", title: "menu.dist_payable", permission: "finance",
      page: payable }] },
  { group: "community", icon: "OfficeBuilding", items: [
    { path: "/communities", title: "menu.communities", permission: "community",
      page: communities },
    { path: "/community/pick-lists", title: "menu.pick_lists", permission: "community",
      page: pickLists },
    { path: "/community/workbench", title: "menu.leader_workbench", permission: "leader",
      page: leaderWorkbench }] },
  { group: "members", icon: "User", items: [
    { path: "/members", title: "menu.members", permission: "members", page: members },
    { path: "/members/tags", title: "menu.member_tags", permission: "members",
      page: memberTags },
    { path: "/members/segments", title: "menu.member_segments", permission: "members",
      page: memberSegments },
    { path: "/members/settings", title: "menu.member_settings", permission: "members",
      page: memberSettings }] },
  { group: "settings", icon: "Setting", items: [
    { path: "/freight-templates", title: "menu.freight_templates", permission: "settings",
      page: freightTemplates },
    { path: "/after-sale-settings", title: "menu.aftersale_settings", permission: "settings",
      page: aftersaleSettings },
    { path: "/staff", title: "menu.staff", permission: "staff", page: staff },
    { path: "/operation-log", title: "menu.operation_log", permission: "staff",
      page: operationLog }] },
  { group: "platform", icon: "Platform", items: [
    { path: "/platform/merchants", title: "menu.platform_merchants", permission: "platform",
      page: platformMerchants }] },
];

export const ITEMS = MENU.flatMap((g) => g.items.map((item) => ({ ...item, group: g.group })));

// where a session lands: the first page it may see
export function firstAllowed() {
  const item = ITEMS.find((i) => can(i.permission));
  return item ? item.path : "/welcome";
}

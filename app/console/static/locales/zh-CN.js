// 中文（默认）
export default {
  layout: {
    brand: "商家后台", merchant: "选择店铺", sign_out: "退出登录",
    sign_out_everywhere: "退出所有设备", nothing_to_show: "暂无可访问的页面",
  },
  menu: {
    groups: {
      overview: "概况", catalog: "商品", orders: "订单", after_sales: "售后", marketing: "营销",
      live: "直播", distribution: "分销", community: "社群", members: "会员", settings: "设置",
      platform: "平台",
    },
    dashboard: "数据概况", products: "商品列表", orders: "订单列表", after_sales: "售后单",
    coupons: "优惠券", live_rooms: "直播间", promoters: "分销员", communities: "社群团长",
    members: "会员列表", staff: "员工与角色", operation_log: "操作日志",
    platform_merchants: "商户管理",
  },
  common: {
    search: "搜索", reset: "重置", confirm: "确定", cancel: "取消", copy: "复制",
    copied: "已复制", saved: "已保存", actions: "操作", yuan: "元", all: "全部",
    coming_soon: "此页面即将上线", refresh: "刷新",
  },
  signin: {
    title: "商家后台登录", subtitle: "直播 · 社群 · 分销 一站式经营",
    password_tab: "密码登录", qr_tab: "扫码登录", login: "账号", password: "密码",
    login_required: "请输入账号", password_required: "请输入密码", submit: "登 录",
    qr_hint: "请使用已绑定的微信扫码，并在手机上确认登录",
    qr_scanned: "已扫码，请在手机上确认", qr_expired: "二维码已过期", qr_refresh: "刷新二维码",
  },
  invite: {
    title: "接受邀请", intro: "{merchant} 邀请你成为「{role}」",
    expires: "邀请有效期至 {at}", nickname: "昵称", login: "登录账号", password: "设置密码",
    nickname_required: "请输入昵称", login_required: "请输入登录账号",
    password_rule: "密码至少 8 位", accept: "接受邀请",
    accepted: "已加入 {merchant}，请登录", invalid: "邀请无效",
  },
  roles: {
    merchant_owner: "店主", merchant_operator: "运营", distributor: "分销员", live_host: "主播",
    room_assistant: "场控助理", community_leader: "团长", platform_admin: "平台管理员",
  },
  status: { active: "正常", suspended: "已停用", pending: "待接受", revoked: "已撤销" },
  dashboard: {
    today: "今日", period: "近 {days} 天", days: "{n} 天", gmv: "成交额 (元)",
    gmv_hint: "已支付订单实付金额，扣除退款", orders: "支付订单数", paying_buyers: "支付人数",
    conversion: "下单支付转化率", conversion_hint: "下单买家中完成支付的比例",
    trend: "成交趋势", gmv_series: "成交额 (元)", orders_series: "订单数",
    by_source: "成交来源", top_products: "商品成交排行 TOP 10", rank: "排名",
    product: "商品", quantity: "销量", no_merchant: "请先选择店铺",
    sources: { live: "直播间", share: "分享", community: "社群", direct: "直接购买" },
  },
  staff: {
    invite: "邀请员工", name: "员工", role: "角色", since: "加入时间", note: "备注",
    revoke: "移除", revoke_confirm: "确定移除 {name} 的「{role}」角色吗？", revoked: "已移除",
    invite_title: "邀请员工", invite_link: "邀请链接", invite_expires: "有效期至 {at}",
    invite_hint: "把链接发给员工，对方打开后设置账号即可加入",
    role_required: "请选择角色", create_link: "生成邀请链接", pending: "待接受的邀请",
  },
  oplog: {
    time: "时间", who: "操作人", action: "操作", target: "对象", ip: "来源 IP",
    filter_who: "操作人", filter_action: "操作类型", filter_day: "日期",
  },
  orders: {
    ship_to: "收货信息", line_amount: "小计 (元)",
    moments: { created_at: "下单", paid_at: "支付", shipped_at: "发货", received_at: "收货",
               completed_at: "完成", cancelled_at: "取消" },
    order_no: "订单号", buyer: "买家", amount: "实付 (元)", status: "状态", created: "下单时间",
    detail: "详情", statuses: {
      pending_payment: "待付款", paid: "已付款", grouping: "拼团中", to_ship: "待发货",
      partially_shipped: "部分发货", shipped: "已发货", received: "已收货", completed: "已完成",
      cancelled: "已取消", refunded: "已退款",
    },
  },
  platform: {
    create: "新建商户", name: "商户名称", owner: "店主", status: "状态", created: "创建时间",
    suspend: "停用", resume: "恢复", suspend_confirm: "确定停用「{name}」吗？停用后店铺不可下单。",
    name_required: "请输入商户名称", created_ok: "商户已创建，请把店主邀请链接发给店主",
    owner_invite: "店主邀请链接",
  },
  errors: {
    bad_credentials: "账号或密码错误", not_signed_in: "登录已失效，请重新登录",
    forbidden: "没有权限执行此操作", csrf_failed: "页面已过期，请刷新后重试",
    validation_error: "填写的内容有误，请检查", network_error: "网络连接失败，请稍后重试",
    rate_limited: "操作太频繁，请稍后再试", invite_not_found: "邀请不存在或已失效",
    invite_expired: "邀请已过期", invite_used: "邀请已被使用", login_taken: "该账号已被使用",
    ticket_expired: "二维码已过期", merchant_not_found: "商户不存在",
    unknown: "出错了，请稍后重试",
  },
};

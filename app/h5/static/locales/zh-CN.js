// 买家端的中文（默认语言）
export default {
  app: { name: "优选商城" },
  tabs: { home: "首页", cart: "购物车", me: "我的" },
  signin: {
    title: "登录", name: "账号", name_placeholder: "字母、数字或 _ - .",
    name_required: "请填写账号", submit: "登录",
    dev_hint: "开发环境：填一个账号名即可登录，同名即同一人。",
  },
  home: {
    flash_sales: "限时秒杀", ends_in: "距结束", starts_in: "距开始", products: "精选商品",
    no_products: "暂无在售商品", left: "剩 {n} 件", from: "起", coming_soon: "即将上线",
    group_buys: "拼团", bargains: "砍价", live: "直播", categories: "分类",
  },
  product: {
    title: "商品详情", choose_spec: "选择规格", pick_a_spec: "请选择规格", spec: "规格",
    default_spec: "默认", quantity: "数量", stock: "库存 {n} 件", add_to_cart: "加入购物车",
    buy_now: "立即购买", added: "已加入购物车", reviews: "商品评价（{n}）",
    good_rate: "好评率 {rate}%", no_reviews: "暂无评价",
  },
  cart: {
    title: "购物车", empty: "购物车还是空的", go_shopping: "去逛逛", off_sale: "已下架",
    out_of_stock: "已售罄", short: "仅剩 {n} 件", price_changed: "比加入时 {was} 有变化",
    remove: "删除", sum: "合计：", with_postage: "含运费", checkout: "结算({n})",
  },
  checkout: {
    title: "确认订单", no_address: "请选择收货地址", goods: "商品金额", postage: "运费",
    discount: "优惠", shop_total: "小计",
    remark: "备注", remark_placeholder: "选填，给商家留言", total: "实付：", place: "提交订单",
  },
  address: {
    choose: "选择收货地址", none: "还没有收货地址", default: "默认", add: "新增收货地址",
    new: "新增收货地址", save: "保存并使用", pick: "请选择",
  },
  coupon: {
    title: "优惠券", choose: "选择优惠券", none: "暂无可用的优惠券", use_none: "不使用优惠券",
    usable: "{n} 张可用", min_spend: "满 {amount} 可用", until: "{at} 前有效",
    reasons: {
      below_min_spend: "未达到使用门槛", not_started: "还未到使用时间", expired: "已过期",
      out_of_scope: "这些商品不可用", wrong_merchant: "不是这家店铺的券",
    },
  },
  points: { title: "积分抵扣", balance: "可用 {n} 积分" },
  pay: {
    title: "支付订单", amount: "需支付", deadline: "请在 {at} 前完成支付", order_no: "订单编号",
    method: "支付方式", sandbox: "沙箱支付（开发环境）", confirm: "确认支付",
    waiting: "等待支付结果…", paid: "支付成功", see_order: "查看订单",
    sandbox_note: "开发环境使用本地沙箱：它像微信支付一样签名并通知服务器。",
  },
  orders: {
    title: "我的订单", all: "全部", none: "暂无订单", no_more: "没有更多了",
    number: "订单 {id}", total: "实付",
  },
  order: {
    title: "订单详情", pay_by: "请在 {at} 前支付", number: "订单编号", created_at: "下单时间",
    paid_at: "支付时间", paid_total: "实付款", cancel: "取消订单", pay: "去支付",
    receive: "确认收货", cancel_question: "确定取消这个订单吗？",
    receive_question: "确认已收到全部商品吗？", no_tracking: "{at} 已发出，暂无物流信息",
  },
  status: {
    pending_payment: "待付款", paid: "已付款", grouping: "拼团中", to_ship: "待发货",
    partially_shipped: "部分发货", shipped: "待收货", received: "已收货",
    completed: "已完成", cancelled: "已取消", refunded: "已退款",
  },
  me: {
    orders: "我的订单", all_orders: "全部订单", language: "语言", sign_out: "退出登录",
    sign_out_everywhere: "在所有设备上退出",
  },
  group: {
    title: "拼团", size: "{n}人团", ends_in: "距结束", complete: "拼团成功",
    expired: "拼团已结束（未成团）", leader: "团长", seat_open: "待加入",
    progress: "已有 {n}/{m} 人参团", complete_action: "已成团", expired_action: "已结束",
    you_are_in: "你已参团，邀请好友一起拼吧", invite: "邀请好友参团", pay: "去支付",
    join: "立即参团 {price}", banner: "{n}人拼团价", open: "发起拼团",
  },
  bargain: {
    title: "砍价", start_price: "原价", floor: "底价", now: "当前价", banner: "砍价免费拿",
    helps: "已有 {n}/{m} 位好友帮砍", bought: "已购买", ended: "砍价已结束",
    you_cut: "你帮TA砍掉了 {amount}", share: "邀请好友帮砍", buy: "以 {price} 购买",
    help: "帮TA砍一刀", helpers: "好友助力", no_helpers: "还没有好友帮砍",
    cut: "砍掉 {amount}", at_floor: "已砍到底价", start: "发起砍价",
  },
  share: {
    title: "分享给好友", poster: "分享海报", link: "分享链接",
    hint: "长按保存海报，或复制链接发给好友。",
  },
  mine: {
    groups: "我的拼团", bargains: "我的砍价", none: "还没有记录",
    seat: { held: "待支付", refund_due: "待退款", refunding: "退款中", refunded: "已退款" },
    group: { open: "拼团中", completed: "已成团", failed: "未成团" },
    bargain: { active: "砍价中", expired: "已结束", bought: "已购买" },
  },
  review: {
    awaiting: "待评价", none_awaiting: "没有待评价的商品", write: "去评价",
    write_for_order: "评价商品", title: "发表评价", rating: "评分",
    placeholder: "说说你的使用感受吧", submit: "发布评价", sent: "评价已发布",
  },
  errors: {
    network_error: "网络不可用，请稍后再试", unknown: "出错了，请稍后再试",
    invalid_code: "账号只能包含字母、数字和 _ - .",
    insufficient_points: "积分不足", points_over_limit: "这笔订单最多可用 {max_points} 积分",
    points_not_whole_fen: "积分须折合整分钱", points_not_accepted: "这笔订单不能用积分抵扣",
    not_payable: "这个订单现在不能支付",
    address_required: "运费按收货地址计算，结算时选择地址后显示合计",
    // group-buy, bargain, reviews
    group_full: "这个团已满员", group_closed: "这个团已成团或已结束",
    group_expired: "这个团已过期", already_in_group: "你已在这个团里",
    group_limit_reached: "你参加这个活动的次数已达上限", new_users_only: "这个团仅限新用户参加",
    activity_ended: "活动已结束", activity_not_active: "活动未在进行中",
    self_help: "不能给自己的砍价助力", already_helped: "你已经帮TA砍过了",
    bargain_expired: "砍价已结束", bargain_at_floor: "已砍到底价，无需再砍",
    bargain_closed: "这个砍价已购买", help_limit_reached: "你的助力次数已用完",
    daily_help_limit_reached: "今天的助力次数已用完", start_limit_reached: "发起砍价的次数已达上限",
    buy_not_allowed: "砍到底价才能购买", risky_help_refused: "这次助力存在风险，未被接受",
    already_reviewed: "这件商品已评价过",
  },
};

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
  errors: {
    network_error: "网络不可用，请稍后再试", unknown: "出错了，请稍后再试",
    invalid_code: "账号只能包含字母、数字和 _ - .",
    insufficient_points: "积分不足", points_over_limit: "这笔订单最多可用 {max_points} 积分",
    points_not_whole_fen: "积分须折合整分钱", points_not_accepted: "这笔订单不能用积分抵扣",
    not_payable: "这个订单现在不能支付",
    address_required: "运费按收货地址计算，结算时选择地址后显示合计",
  },
  live: {
    rooms: "直播", none: "暂时没有直播", since: "{at} 开播", starts_at: "{at} 开播",
    state: { live: "直播中", paused: "暂停中", scheduled: "预告", ended: "已结束" },
    likes: "{n} 本场点赞", watching: "{n} 人在看", unmute: "打开声音", explaining: "讲解中",
    flash_sale: "直播秒杀", left: "剩 {n} 件", grab: "马上抢", sold_out: "已抢光",
    percent_off: "{n}% 折扣", min_spend: "满 {amount} 可用", no_threshold: "无门槛",
    coupons_left: "剩 {n} 张", claim: "领取", claimed: "已领取",
    lottery: "抽奖：{prize}", lottery_keyword: "发送口令「{keyword}」参与",
    lottery_like: "点赞即可参与", enter: "参与", entered: "已参与",
    you_won: "恭喜你抽中 {prize}！", winners: "{prize} 中奖名单",
    say: "说点什么…", send: "发送", shelf: "本场商品（{n}）", shelf_empty: "还没有上架商品",
    buy: "去购买", won: "抢到了！请支付", paid: "支付成功", order_no: "订单 {id}",
    pay_now: "立即支付", paid_note: "已付款，可在订单中查看", kicked: "你已被移出直播间",
  },
};

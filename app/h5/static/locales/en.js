// The buyer app in English
export default {
  app: { name: "Mall" },
  tabs: { home: "Home", cart: "Cart", me: "Me" },
  signin: {
    title: "Sign in", name: "Account", name_placeholder: "letters, digits or _ - .",
    name_required: "Enter an account name", submit: "Sign in",
    dev_hint: "Development: any account name signs in; the same name is the same person.",
  },
  home: {
    flash_sales: "Flash sales", ends_in: "Ends in", starts_in: "Starts in", products: "Products",
    no_products: "Nothing on sale yet", left: "{n} left", from: "from", coming_soon: "Coming soon",
    group_buys: "Group buys", bargains: "Bargains", live: "Live", categories: "Categories",
  },
  product: {
    title: "Product", choose_spec: "Choose a spec", pick_a_spec: "Pick a spec", spec: "Spec",
    default_spec: "Default", quantity: "Quantity", stock: "{n} in stock",
    add_to_cart: "Add to cart", buy_now: "Buy now", added: "Added to the cart",
    reviews: "Reviews ({n})", good_rate: "{rate}% positive", no_reviews: "No reviews yet",
  },
  cart: {
    title: "Cart", empty: "Your cart is empty", go_shopping: "Go shopping",
    off_sale: "Off sale", out_of_stock: "Sold out", short: "Only {n} left",
    price_changed: "Was {was} when added", remove: "Remove", sum: "Total: ",
    with_postage: "postage included", checkout: "Check out ({n})",
  },
  checkout: {
    title: "Confirm order", no_address: "Choose a delivery address", goods: "Goods",
    postage: "Postage", discount: "Discount", shop_total: "Subtotal", remark: "Note",
    remark_placeholder: "Optional, for the shop", total: "To pay: ", place: "Place order",
  },
  address: {
    choose: "Delivery address", none: "No address yet", default: "Default",
    add: "Add an address", new: "New address", save: "Save and use", pick: "Choose",
  },
  coupon: {
    title: "Coupon", choose: "Choose a coupon", none: "No coupon to use",
    use_none: "No coupon", usable: "{n} usable", min_spend: "On {amount} or more",
    until: "Valid until {at}",
    reasons: {
      below_min_spend: "Below its minimum spend", not_started: "Not valid yet",
      expired: "Expired", out_of_scope: "Not for these goods",
      wrong_merchant: "Another shop's coupon",
    },
  },
  points: { title: "Points", balance: "{n} points to use" },
  pay: {
    title: "Pay", amount: "To pay", deadline: "Pay by {at}", order_no: "Order number",
    method: "Payment", sandbox: "Sandbox (development)", confirm: "Pay now",
    waiting: "Waiting for the payment…", paid: "Paid", see_order: "See the order",
    sandbox_note: "Development pays in a local sandbox, which signs and notifies the server "
      + "as WeChat Pay does.",
  },
  orders: {
    title: "My orders", all: "All", none: "No orders yet", no_more: "No more",
    number: "Order {id}", total: "Paid",
  },
  order: {
    title: "Order", pay_by: "Pay by {at}", number: "Order number", created_at: "Placed",
    paid_at: "Paid", paid_total: "Total", cancel: "Cancel order", pay: "Pay",
    receive: "Confirm receipt", cancel_question: "Cancel this order?",
    receive_question: "Have you received everything?",
    no_tracking: "Shipped {at}, no tracking yet",
  },
  status: {
    pending_payment: "To pay", paid: "Paid", grouping: "Grouping", to_ship: "To ship",
    partially_shipped: "Partly shipped", shipped: "Shipped", received: "Received",
    completed: "Completed", cancelled: "Cancelled", refunded: "Refunded",
  },
  me: {
    orders: "My orders", all_orders: "All orders", language: "Language",
    sign_out: "Sign out", sign_out_everywhere: "Sign out everywhere",
  },
  errors: {
    network_error: "The network is unavailable; try again later",
    unknown: "Something went wrong; try again later",
    invalid_code: "An account name is letters, digits and _ - . only",
    insufficient_points: "You do not have that many points",
    points_over_limit: "This order takes at most {max_points} points",
    points_not_whole_fen: "Points must come to whole fen",
    points_not_accepted: "Points cannot pay for this order",
    not_payable: "This order cannot be paid now",
    address_required: "Postage depends on the address: the total shows once you choose one",
  },
};

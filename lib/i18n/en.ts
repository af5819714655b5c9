import "server-only";
import { FIELD_LABELS, FIELD_MESSAGES, type CheckoutField } from "@/lib/orders/checkout-fields";
import { count } from "./format";
import { ENGLISH_TOTALS } from "./totals";

// The shop's words in English: the source of truth, whose shape every other language fills completely.

// The server words the checkout's field messages in English (lib/orders/checkout-fields.ts): this
// catalogue takes its field names and messages as they are.
const SERVER_FIELD_LABELS: Record<CheckoutField, string> = FIELD_LABELS;

export const en = {
  /** The language these texts are in: the `lang` of the shop's pages. */
  lang: "en",
  meta: {
    description: "A demo storefront that takes Klarna payments through the Hosted Payment Page.",
    cart: "Cart",
    checkout: "Checkout",
    paymentMethod: "Payment method",
    order: "Your order",
  },
  header: {
    market: "Market",
    change: "Change",
    cart: "Cart",
    items: count("{count} item", "{count} items"),
  },
  footer: {
    about: "A reference storefront for Klarna's Hosted Payment Page. Prices and products are fictitious.",
    nav: "Elsewhere",
    backOffice: "Back office",
    sandbox: "Klarna sandbox",
    sandboxDocs: "Sandbox API reference",
  },
  catalogue: {
    allProducts: "All products",
    resultsFor: "Results for \u201c{query}\u201d: ",
    count: count("{count} product", "{count} products"),
    noMatch: "No products match your search.",
    products: "Products",
    categories: "Categories",
    all: "All",
    searchLabel: "Search products",
    searchPlaceholder: "Search products",
    search: "Search",
  },
  /** Category names by slug (the database names them in English). */
  categories: {
    apparel: "Apparel",
    home: "Home",
    outdoor: "Outdoor",
    accessories: "Accessories",
  },
  product: {
    back: "\u2190 All products",
    vatIncluded: "Includes {rate} VAT",
    salesTax: "Sales tax is added at checkout",
    outOfStock: "Out of stock",
    lowStock: "Only {count} left in stock",
    inStock: "In stock",
  },
  addToCart: {
    quantity: "Quantity",
    add: "Add to cart",
    adding: "Adding\u2026",
    added: "Added {name} to your cart.",
    toCheckout: "Go to checkout",
  },
  cart: {
    heading: "Your cart",
    empty: "Your cart is empty.",
    browse: "Browse products",
  },
  cartView: {
    items: "Cart items",
    each: "{price} each",
    remove: "Remove",
    removeLabel: "Remove {name}",
    changeQuantity: "Change quantity of {name}",
    decrease: "Decrease quantity of {name}",
    increase: "Increase quantity of {name}",
    quantityOf: "Quantity of {name}",
    summary: "Order summary",
    checkout: "Checkout",
  },
  /** The totals of a cart or an order (components/checkout/order-totals.tsx and the cart). */
  totals: ENGLISH_TOTALS,
  checkout: {
    heading: "Checkout",
    summary: "Order summary",
    /** Klarna's playground personas (lib/orders/test-personas.ts), shown as "{name} ({email})". */
    personas: {
      approved: "Approved",
      denied: "Denied",
      pendingAccepted: "Pending review, accepted after 5 minutes",
      pendingRejected: "Pending review, rejected after 5 minutes",
    },
  },
  checkoutForm: {
    details: "Your details",
    persona: "Klarna test persona",
    customDetails: "Custom details",
    personaNote: "Sandbox mode: Klarna's playground personas decide the outcome by e-mail.",
    fields: SERVER_FIELD_LABELS,
    optional: "(optional)",
    /** The server's field messages; the other catalogues say them again in their language. */
    fieldErrors: FIELD_MESSAGES,
    demo: {
      summary: "Payment options (demo)",
      placeOrderMode: "Place order mode",
      purchaseType: "Purchase type",
      chooseCategories: "Choose the payment method categories from those Klarna offers for this order, before its payment page",
      fallback: "Payment fallback: after a decline, offer the other categories",
      returnStyle: "Return style",
      returnStyles: { redirect: "Redirect back (default)", polling: "Polling: no success URL", hosted: "Hosted pages only" },
      exitButton: "Exit button on Klarna's page",
      exitButtons: { back: "Back (returns to the checkout)", cancel: "Cancel" },
    },
    pay: "Pay with Klarna",
    redirecting: "Redirecting to Klarna\u2026",
  },
  paymentMethods: {
    heading: "Payment method",
    notWaiting: "This checkout is not waiting for a choice",
    backToCart: "Back to your cart",
    offers: "Klarna's payment session for order {reference} offers these payment method categories.",
    notListed: "Klarna's payment session for order {reference} did not list its payment method categories.",
  },
  categoryChoice: {
    offered: "Categories Klarna offers",
    notLimitable: " (the hosted page cannot be limited to it)",
    noneListed: "Klarna listed no category.",
    everyCategory: "Its payment page will offer every category of the session.",
    offer: "Offer on Klarna's payment page",
    modes: { all: "All of the session's", one: "Only one", list: "A list" },
    category: "Payment method category",
    categories: "Payment method categories",
    chooseOne: 'Choose at least one category, or pick "All".',
    continue: "Continue to Klarna",
    redirecting: "Redirecting to Klarna\u2026",
  },
  /** The return pages and the order page (components/checkout/order-outcome.tsx). */
  outcome: {
    headings: {
      placed: "Thank you, your order is placed",
      pending: "We are confirming your payment",
      identity_check: "Klarna is checking your identity",
      declined: "Klarna declined the payment",
      cancelled: "Payment cancelled",
      ended: "The payment page is closed",
      error: "Something went wrong during payment",
      failed: "This order could not be paid",
    },
    /** What the shopper reads for each merchant status. */
    statuses: {
      pending_payment: "Not paid yet",
      authorized: "Paid with Klarna",
      part_captured: "Partly shipped",
      captured: "Shipped",
      part_refunded: "Partly refunded",
      refunded: "Refunded",
      cancelled: "Cancelled",
      payment_failed: "Not paid",
      expired: "Expired",
      needs_attention: "Being checked by the shop",
    },
    order: "Order {reference}",
    klarnaReference: "Klarna reference {reference}",
    fraudPending: "Klarna is reviewing this purchase. We will ship once it is approved.",
    fraudRejected: "Klarna did not approve this purchase after its review: the order is cancelled and you will not be charged.",
    confirmation: "A confirmation will be sent to {email}.",
    pending: "Klarna has not confirmed the payment yet. This page updates by itself.",
    checkAgain: "Check again",
    checking: "Checking\u2026",
    pollFailed: "The status could not be checked just now; we will keep trying.",
    /** An order that will not be paid, by its merchant status: what the shopper reads (what went wrong inside stays in the back office). */
    failedStatuses: {
      payment_failed: { heading: "This order could not be paid", note: "Klarna did not accept the payment, and nothing was charged." },
      needs_attention: {
        heading: "We are checking this payment",
        note: "We could not confirm the payment with Klarna. The shop is checking it and will e-mail you; please do not pay again meanwhile.",
      },
      cancelled: { heading: "This order is cancelled", note: "Nothing will be charged for it." },
      expired: { heading: "This order has expired", note: "Nothing was charged for it." },
    },
    cancelled: "Your cart is still there if you want to try again.",
    declined:
      "Klarna could not approve this purchase. You can try again and choose another way to pay on Klarna's page, check your details, or pay another way.",
    identityCheck: "The shop's staff are confirming who you are with Klarna; this page updates by itself.",
    ended: "This payment can no longer be completed on Klarna's page, but nothing was charged. You can start a new payment.",
    tryAgain: "Try again",
    opening: "Opening Klarna\u2026",
    changeDetails: "Change details",
    newCheckout: "Start a new checkout",
    keepLink: "Keep {link} to follow it.",
    orderLink: "this link to your order",
  },
  returnPage: {
    notFound: "We could not find this payment",
    unchanged: "No order was changed.",
    backToCart: "Back to your cart",
  },
  /** What the server says to a shopper about a request (lib/orders/checkout.ts, lib/shop/cart.ts). */
  /** The title of Klarna's page for an order (HPP options.page_title), in the market's language. */
  klarnaPageTitle: "Pay for order {reference}",
  refusals: {
    checkFields: "Please check the highlighted fields.",
    unusableCharacter: "This contains a character that cannot be used.",
    cartEmpty: "Your cart is empty.",
    alreadyPaid: "This cart was already paid for as order {reference}.",
    orderNotFound: "This order could not be found.",
    cannotPayAgain: "This order can no longer be paid. Please start a new checkout.",
    notWaitingForChoice: "This checkout is no longer waiting for a choice. Please start again from your cart.",
    categoryNotOffered: "Klarna does not offer {categories} for this order.",
    chooseCategory: "Choose a payment method category.",
    chooseCategories: "Choose at least one payment method category.",
    klarnaUnavailable: "Klarna is not answering right now. Please try again in a moment.",
    klarnaRefused: "Klarna could not start this payment. Please check your details and try again, or choose another way to pay.",
    noPaymentPage: "Klarna did not say where its payment page is. Please try again.",
    productMissing: "That product does not exist.",
    notInCart: "That product is not in your cart.",
    outOfStock: "{name} is out of stock.",
    onlyInStock: "Only {stock} of {name} in stock.",
    quantityRange: "Quantity must be a whole number from 1 to {max}.",
    atMost: "At most {max} of one product per order.",
    invalidCart: "Your cart could not be found, so it was reset. Please try again.",
    updated: "Updated {name}.",
    removed: "Removed {name}.",
  },
  notFound: {
    heading: "Page not found",
    text: "We could not find what you were looking for.",
    back: "Back to the shop",
  },
};

/** The shape every language fills completely (messages.ts picks one per locale). */
export type Messages = typeof en;

// Request shapes the storefront sends to Klarna, in Klarna's own field names.

export interface KlarnaOrderLine {
  type: "physical" | "sales_tax" | "shipping_fee" | "discount" | "digital";
  reference?: string;
  name: string;
  quantity: number;
  unit_price: number;
  tax_rate: number;
  total_amount: number;
  total_discount_amount?: number;
  total_tax_amount: number;
  image_url?: string;
  product_url?: string;
}

export interface KlarnaAddress {
  given_name?: string;
  family_name?: string;
  email?: string;
  street_address?: string;
  postal_code?: string;
  city?: string;
  region?: string;
  phone?: string;
  country?: string;
}

export interface KlarnaOrderData {
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  order_tax_amount: number;
  order_lines: KlarnaOrderLine[];
  billing_address?: KlarnaAddress;
  shipping_address?: KlarnaAddress;
  merchant_reference1?: string;
  merchant_reference2?: string;
}

export interface PaymentSessionRequest extends KlarnaOrderData {
  intent?: "buy" | "tokenize" | "buy_and_tokenize";
  acquiring_channel?: "ECOMMERCE" | "IN_STORE" | "TELESALES";
  merchant_urls?: { notification?: string; confirmation?: string };
}

export type PlaceOrderMode = "NONE" | "PLACE_ORDER" | "CAPTURE_ORDER";
export type HppCategory = "PAY_NOW" | "PAY_LATER" | "PAY_OVER_TIME" | "DIRECT_DEBIT" | "DIRECT_BANK_TRANSFER" | "KLARNA";
export type PurchaseType = "BUY" | "RENT" | "BOOK" | "SUBSCRIBE" | "DOWNLOAD" | "ORDER" | "CONTINUE" | "PAY";

export interface HppSessionRequest {
  payment_session_url: string;
  merchant_urls: Partial<Record<"success" | "cancel" | "back" | "failure" | "error" | "status_update", string>>;
  options: {
    place_order_mode?: PlaceOrderMode;
    payment_method_category?: HppCategory;
    payment_method_categories?: HppCategory[];
    payment_fallback?: boolean;
    purchase_type?: PurchaseType;
    page_title?: string;
    logo_url?: string;
    background_images?: { url: string; width: number }[];
    show_subtotal_detail?: "HIDE";
  };
}

export interface CaptureRequest {
  captured_amount: number;
  description?: string;
  reference?: string;
  order_lines?: KlarnaOrderLine[];
  shipping_info?: { shipping_company?: string; shipping_method?: string; tracking_number?: string; tracking_uri?: string }[];
}

export interface RefundRequest {
  refunded_amount: number;
  description?: string;
  reference?: string;
  order_lines?: KlarnaOrderLine[];
}

export type DistributionRequest =
  | { method: "email"; contact_information: { email: string } }
  | { method: "sms"; contact_information: { phone: string; phone_country: string } };

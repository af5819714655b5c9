import type { DashboardData } from "@/lib/sandbox/dashboard";
import { Badge, CELL, Money, MUTED, Section, Table, Time } from "./ui";

export function OrdersPanel({ orders }: { orders: DashboardData["orders"] }) {
  return (
    <Section id="orders" title="Orders" description="The newest 50 orders placed in this namespace.">
      {orders.length === 0 ? (
        <p className={`text-sm ${MUTED}`}>No orders yet.</p>
      ) : (
        <Table caption="Orders" headers={["Klarna reference", "Status", "Fraud status", "Order amount", "Captured", "Refunded", "Created", "Authorization expires"]}>
          {orders.map((order) => (
            <tr key={order.id} data-testid="sandbox-order" data-order-id={order.id}>
              <td className={`${CELL} font-mono`} title={order.id}>
                {order.klarna_reference}
              </td>
              <td className={CELL}>
                <Badge value={order.status} />
              </td>
              <td className={CELL}>
                <Badge value={order.fraud_status} />
                {order.fraud_decision_at ? (
                  <span className={`block text-xs ${MUTED}`}>
                    decided at <Time value={order.fraud_decision_at} />
                  </span>
                ) : null}
              </td>
              {[order.order_amount, order.captured_amount, order.refunded_amount].map((amount, index) => (
                <td key={index} className={CELL}>
                  <Money amount={amount} currency={order.purchase_currency} locale={order.locale} />
                </td>
              ))}
              <td className={CELL}>
                <Time value={order.created_at} />
              </td>
              <td className={CELL}>
                <Time value={order.expires_at} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

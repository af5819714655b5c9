import type { DashboardData } from "@/lib/sandbox";
import { Badge, Cell, Money, MUTED, Section, Table, Time } from "./ui";

export function OrdersPanel({ orders }: { orders: DashboardData["orders"] }) {
  return (
    <Section id="orders" title="Orders" description="The newest 50 orders placed in this namespace.">
      {orders.length === 0 ? (
        <p className={`text-sm ${MUTED}`}>No orders yet.</p>
      ) : (
        <Table
          caption="Orders"
          headers={["Klarna reference", "Status", "Fraud status", "Order amount", "Captured", "Refunded", "Created", "Authorization expires"]}
        >
          {orders.map((order) => (
            <tr key={order.id} data-testid="sandbox-order" data-order-id={order.id}>
              <Cell className="font-mono" title={order.id}>
                {order.klarna_reference}
              </Cell>
              <Cell>
                <Badge value={order.status} />
              </Cell>
              <Cell>
                <Badge value={order.fraud_status} />
                {order.fraud_decision_at ? (
                  <span className={`block text-xs ${MUTED}`}>
                    decided at <Time value={order.fraud_decision_at} />
                  </span>
                ) : null}
              </Cell>
              {[order.order_amount, order.captured_amount, order.refunded_amount].map((amount, index) => (
                <Cell key={index}>
                  <Money amount={amount} currency={order.purchase_currency} locale={order.locale} />
                </Cell>
              ))}
              <Cell>
                <Time value={order.created_at} />
              </Cell>
              <Cell>
                <Time value={order.expires_at} />
              </Cell>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

import { advanceClockAction, advanceToDeadlineAction, resetClockAction } from "@/app/sandbox/_actions/dashboard";
import type { DashboardData } from "@/lib/sandbox";
import { ActionForm } from "./action-form";
import { formatOffset, INPUT, MUTED, Section, SECONDARY_BUTTON, Time } from "./ui";

const DEADLINE_LABELS: Record<string, string> = {
  authorization_token_expiry: "An authorization token expires",
  hpp_session_expiry: "An HPP session expires",
  kp_session_expiry: "A KP session expires",
  order_authorization_expiry: "An order's authorization expires",
  fraud_decision: "A pending fraud review is decided",
  callback_retry: "A callback is retried",
};

export function ClockPanel({ clock, nextDeadline }: { clock: DashboardData["clock"]; nextDeadline: DashboardData["nextDeadline"] }) {
  return (
    <Section id="clock" title="Clock" description="Sandbox time of this namespace. It only moves forward; every lifetime and retry follows it.">
      <dl className="grid gap-2 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
        <dt className={MUTED}>Sandbox now</dt>
        <dd className="font-mono" data-testid="sandbox-clock-now">
          <Time value={clock.now} />
        </dd>
        <dt className={MUTED}>Offset from real time</dt>
        <dd className="font-mono" data-testid="sandbox-clock-offset" data-offset-seconds={clock.offset_seconds}>
          {formatOffset(clock.offset_seconds)} ({clock.offset_seconds} s)
        </dd>
        <dt className={MUTED}>Next deadline</dt>
        <dd data-testid="sandbox-next-deadline">
          {nextDeadline ? (
            <>
              {DEADLINE_LABELS[nextDeadline.kind] ?? nextDeadline.kind} <span className={`font-mono text-xs ${MUTED}`}>({nextDeadline.kind})</span> at{" "}
              <Time value={nextDeadline.at} />
            </>
          ) : (
            <span className={MUTED}>Nothing is due in this namespace</span>
          )}
        </dd>
      </dl>
      <ActionForm action={advanceClockAction} submitLabel="Advance clock" label="Advance the clock" className="flex flex-wrap items-end gap-3">
        <label className="w-28 text-sm font-medium">
          Amount
          <input name="amount" type="number" min={1} step={1} required defaultValue={1} className={INPUT} />
        </label>
        <label className="w-32 text-sm font-medium">
          Unit
          <select name="unit" defaultValue="hours" className={INPUT}>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
        </label>
      </ActionForm>
      <div className="flex flex-wrap gap-3">
        <ActionForm
          action={advanceToDeadlineAction}
          submitLabel="Advance to next deadline"
          label="Advance to the next deadline"
          buttonClassName={SECONDARY_BUTTON}
        />
        <ActionForm action={resetClockAction} submitLabel="Reset clock to real time" label="Reset the clock" buttonClassName={SECONDARY_BUTTON} />
      </div>
    </Section>
  );
}

import { NotFoundMessage } from "@/components/ui/not-found-message";

// An unknown order in the back office, inside the back office's own header (which is English).
export default function BackOfficeNotFound() {
  return (
    <NotFoundMessage text={{ heading: "Not found", text: "There is no such order in the back office.", back: "Back to the orders" }} href="/admin/orders" />
  );
}

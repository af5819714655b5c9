import QRCode from "qrcode";
import { config } from "@/lib/config";
import { readResultPage, redirectUrl } from "@/lib/sandbox";

// HPP's qr_code_url: an image of the payment link, public like Klarna's.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!config().sandboxEnabled || !(await readResultPage(id))) return new Response("Not found", { status: 404 });
  const svg = await QRCode.toString(redirectUrl(id), { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" } });
}

import { currentMessages } from "@/lib/shop/request";
import { DocumentLanguage } from "@/components/ui/document-language";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/** The shop's chrome around a page, in the market's language: header, main content and footer. */
export async function ShopFrame({ children, mainClassName }: { children: React.ReactNode; mainClassName: string }) {
  const messages = await currentMessages();
  return (
    <div lang={messages.lang} className="flex flex-1 flex-col">
      <DocumentLanguage lang={messages.lang} />
      <SiteHeader />
      <main id="main" className={mainClassName}>
        {children}
      </main>
      <SiteFooter messages={messages} />
    </div>
  );
}

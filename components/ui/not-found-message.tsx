import Link from "next/link";

/** What a 404 says, inside whichever frame the area gives it (the shop's, the back office's). */
export function NotFoundMessage({ text, href }: { text: { heading: string; text: string; back: string }; href: string }) {
  return (
    <div className="mx-auto w-full max-w-xl space-y-4 py-16 text-center">
      <h1 className="text-3xl font-bold">{text.heading}</h1>
      <p className="text-ink-600 dark:text-ink-400">{text.text}</p>
      <Link href={href} className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
        {text.back}
      </Link>
    </div>
  );
}

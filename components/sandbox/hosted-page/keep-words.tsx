import { Fragment } from "react";

/**
 * Text that wraps only between words: each word is an inline block, so a line never breaks inside
 * one at a hyphen or slash ("Pay for order NW-CAT7UF2K" wraps before "NW-CAT7UF2K", never as
 * "NW-" / "CAT7UF2K"). For arbitrary text such as the merchant's page_title. Only a word wider
 * than the whole line breaks, as a last resort, wherever it must so the page never scrolls sideways.
 */
export function KeepWords({ text }: { text: string }) {
  return text
    .trim()
    .split(/(\s+)/)
    .map((part, index) =>
      index % 2 === 1 ? (
        <Fragment key={index}> </Fragment>
      ) : (
        <span key={index} className="inline-block max-w-full [overflow-wrap:anywhere]">
          {part}
        </span>
      ),
    );
}

/**
 * A product picture as a plain <img>. The pictures are small SVGs served as they are (next.config
 * sets images.unoptimized), so next/image added nothing but its client JavaScript, ~6 kB gzipped
 * on every page that showed one. `eager`: the picture the page is about; others load lazily.
 */
export function ProductImage({ src, alt, size, eager = false, className }: { src: string; alt: string; size: number; eager?: boolean; className?: string }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- nothing to optimise (see above)
    <img
      src={src}
      alt={alt}
      width={size}
      height={size}
      loading={eager ? undefined : "lazy"}
      fetchPriority={eager ? "high" : undefined}
      decoding="async"
      className={className}
    />
  );
}

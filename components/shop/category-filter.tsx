import Link from "next/link";

function catalogueHref(category?: string, query?: string) {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (query) params.set("q", query);
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

/** The catalogue's categories, named in the shop's language (`label`: the list's name, `all`: no filter). */
export function CategoryFilter({
  categories,
  current,
  query,
  label,
  all,
}: {
  categories: { slug: string; name: string }[];
  current?: string;
  query?: string;
  label: string;
  all: string;
}) {
  const options = [{ slug: undefined, name: all }, ...categories];
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {options.map((option) => {
          const active = option.slug === current;
          return (
            <li key={option.slug ?? ""}>
              <Link
                href={catalogueHref(option.slug, query)}
                aria-current={active ? "page" : undefined}
                className={`inline-block rounded-full border px-4 py-1.5 text-sm font-medium ${
                  active ? "border-brand-600 bg-brand-600 text-white" : "border-ink-200 hover:border-brand-500 dark:border-ink-600"
                }`}
              >
                {option.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

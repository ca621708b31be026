import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RegionChoice } from "#app/features/organisations/countries.ts";

/** The address of a list's view: the parameters that differ from the defaults, and the page after the first. */
export function viewHref(path: string, params: Record<string, string | undefined>, page = 1): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** One labelled choice of a filter form, sent in the address. */
export function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The kinds of organisation a consultation's audience holds; none to choose from when it holds one. */
export function TypeSelect({ audience, value }: { audience: readonly string[]; value: string }) {
  const { t } = useTranslation();
  if (audience.length <= 1) return null;
  return (
    <FilterSelect
      name="type"
      label={t("organisations.type")}
      value={value}
      options={[{ value: "", label: t("organisations.allTypes") }, ...audience.map((type) => ({ value: type, label: t(`organisationType.${type}`) }))]}
    />
  );
}

/** A list's organisation: its name as a link, its kind and region under it. */
export function OrganisationCell({ to, name, type, region }: { to: string; name: string; type: string; region: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Link to={to}>{name}</Link>
      <br />
      <span className="muted">{[t(`organisationType.${type}`), region].filter(Boolean).join(" · ")}</span>
    </>
  );
}

/** The M49 areas, those under a continent set in under it. */
export function RegionSelect({ regions, value }: { regions: RegionChoice[]; value: string }) {
  const { t } = useTranslation();
  return (
    <FilterSelect
      name="region"
      label={t("organisations.region")}
      value={value}
      options={[{ value: "", label: t("progress.allRegions") }, ...regions.map((region) => ({ value: region.code, label: region.continent ? region.name : `\u00a0\u00a0${region.name}` }))]}
    />
  );
}

/** "Sort by" and "Order" of a list's filter form. */
export function SortSelects({ sorts, sort, descending, sortLabel }: { sorts: readonly string[]; sort: string; descending: boolean; sortLabel: (sort: string) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <FilterSelect name="sort" label={t("progress.sort")} value={sort} options={sorts.map((value) => ({ value, label: sortLabel(value) }))} />
      <FilterSelect
        name="order"
        label={t("progress.order")}
        value={descending ? "desc" : "asc"}
        options={[
          { value: "asc", label: t("progress.ascending") },
          { value: "desc", label: t("progress.descending") },
        ]}
      />
    </>
  );
}

/** Previous and next page of a list, with where the reader is; nothing when it fits on one page. */
export function Pager({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t("progress.pages")} className="actions pager">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" className="button button--quiet">
          {t("progress.previous")}
        </Link>
      ) : null}
      <span>{t("progress.pageOf", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next" className="button button--quiet">
          {t("progress.next")}
        </Link>
      ) : null}
    </nav>
  );
}

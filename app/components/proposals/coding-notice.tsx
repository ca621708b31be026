import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The query parameter that carries how many proposals a coding change changed, for the page it returns to. */
export const CODED_PARAM = "coded";

/** The status message after a coding change (`?coded=N` from /proposals/coding): how many proposals it changed. */
export function CodingNotice() {
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const value = searchParams.get(CODED_PARAM);
  if (value === null || !/^\d{1,4}$/.test(value)) return null;
  const count = Number(value);
  return (
    <p role="status" className="notice notice--success">
      {count === 0 ? t("coding.done.none") : t("coding.done.changed", { count })}
    </p>
  );
}

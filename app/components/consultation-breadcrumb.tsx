import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Consultations › this consultation, and any further step, above a page of one consultation. */
export function ConsultationBreadcrumb({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className="breadcrumb">
      <Link to="/consultations">{t("consultations.title")}</Link> › <Link to={`/consultations/${id}`}>{title}</Link>
      {children ? <> › {children}</> : null}
    </p>
  );
}

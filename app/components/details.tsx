import type { ReactNode } from "react";

/** One row of a description list (`<dl>`): a term and what it says of the page's subject. */
export function Detail({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

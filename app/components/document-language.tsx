import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_LANGUAGE, type Language } from "#app/i18n/languages.ts";

const DocumentLanguageContext = createContext<Language>(DEFAULT_LANGUAGE);

/**
 * The language of the document, given by the entry points: detected from the request on the
 * server, read back from `<html lang>` in the browser. Error pages need it when the root's
 * loader did not run (an action that threw, an address no route matches) or failed.
 */
export function DocumentLanguageProvider({ value, children }: { value: Language; children: ReactNode }) {
  return <DocumentLanguageContext.Provider value={value}>{children}</DocumentLanguageContext.Provider>;
}

export function useDocumentLanguage(): Language {
  return useContext(DocumentLanguageContext);
}

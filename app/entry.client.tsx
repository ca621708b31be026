import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { DocumentLanguageProvider } from "./components/document-language.tsx";
import { DEFAULT_LANGUAGE, isLanguage } from "./i18n/languages.ts";

const language = document.documentElement.lang;

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <DocumentLanguageProvider value={isLanguage(language) ? language : DEFAULT_LANGUAGE}>
        <RemixBrowser />
      </DocumentLanguageProvider>
    </StrictMode>,
  );
});

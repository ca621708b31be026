// The @nlpjs language packages ship no types; only what similarity/text.ts uses is declared.
interface NlpjsStemmer {
  stemWord(word: string): string;
}
interface NlpjsStopwords {
  dictionary: Record<string, boolean>;
}
interface NlpjsLanguagePackage {
  [name: string]: new () => NlpjsStemmer | NlpjsStopwords;
}

declare module "@nlpjs/lang-en-min" {
  const languagePackage: NlpjsLanguagePackage;
  export default languagePackage;
}
declare module "@nlpjs/lang-fr" {
  const languagePackage: NlpjsLanguagePackage;
  export default languagePackage;
}
declare module "@nlpjs/lang-es" {
  const languagePackage: NlpjsLanguagePackage;
  export default languagePackage;
}

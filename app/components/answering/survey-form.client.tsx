import { useEffect, useMemo, useRef } from "react";
import { Model } from "survey-core";
import "#app/features/surveys/localization.ts";
import "survey-core/survey-core.fontless.min.css";
import { Survey } from "survey-react-ui";
import { keepItemIds } from "./item-ids.ts";

export interface SurveyFormProps {
  definition: object;
  answers: Record<string, unknown>;
  /** The page the form opens at when it is built; afterwards the form shows the page the person turns to. */
  page: number;
  language: string;
  /** The consultation's words the survey's texts name ({meeting_title}…), in the reader's language. */
  variables: Record<string, string>;
  readOnly: boolean;
  /** Bumped to load answers from outside into a new form (a conflict resolved, answers taken up from the device). */
  answersKey: number;
  /** Answers others saved, set into the form as it stands when `key` changes: the question being typed in keeps its focus. */
  patch: { answers: Record<string, unknown>; key: number };
  onChange: (answers: Record<string, unknown>, page: number) => void;
  onComplete: (answers: Record<string, unknown>) => void;
}

/** survey-core names English "en"; a model in English has the empty locale, which reads it. */
function surveyLocale(language: string): string {
  return language === "en" ? "" : language;
}

/**
 * The SurveyJS form, rendered in the browser only (it is loaded after hydration). It reports
 * every change and the page shown; the page decides what to save and when.
 */
export default function SurveyForm({ definition, answers, page, language, variables, readOnly, answersKey, patch, onChange, onComplete }: SurveyFormProps) {
  const model = useMemo(() => {
    const survey = new Model(definition);
    survey.locale = surveyLocale(language);
    for (const [name, value] of Object.entries(variables)) survey.setVariable(name, value);
    survey.data = answers;
    keepItemIds(survey);
    survey.showCompletedPage = false;
    // The progress bar names each page, so that one sees where one is and what is left.
    survey.progressBarShowNavigationText = true;
    if (page > 0 && page < survey.visiblePages.length) survey.currentPageNo = page;
    return survey;
    // The model is rebuilt only for another survey or a set of answers loaded from outside: a
    // rebuild opens at the `page` given, which is the page of those answers, not the one on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition, answersKey]);

  // Another language (the switch in the header) changes the words of the form as it stands: the
  // page being read and the answers typed since the page was opened stay.
  useEffect(() => {
    model.locale = surveyLocale(language);
  }, [model, language]);

  const patched = useRef(patch.key);
  const patching = useRef(false);
  useEffect(() => {
    if (patched.current === patch.key) return;
    patched.current = patch.key;
    patching.current = true;
    try {
      for (const name of new Set([...Object.keys(model.data as object), ...Object.keys(patch.answers)])) {
        const value = patch.answers[name];
        if (JSON.stringify(model.getValue(name)) === JSON.stringify(value)) continue;
        if (value === undefined) model.clearValue(name);
        else model.setValue(name, value);
      }
    } finally {
      patching.current = false;
    }
  }, [model, patch]);

  // New values (the consultation closed early) change the texts without rebuilding the form.
  useEffect(() => {
    for (const [name, value] of Object.entries(variables)) model.setVariable(name, value);
  }, [model, variables]);

  // Switching to read-only (a conflict, a closing) keeps the form as it is on the screen.
  useEffect(() => {
    model.mode = readOnly ? "display" : "edit";
  }, [model, readOnly]);

  useEffect(() => {
    // Answers set from outside are already known to the page.
    const changed = () => {
      if (!patching.current) onChange({ ...model.data }, model.currentPageNo);
    };
    const completing = (_: Model, options: { allow: boolean }) => {
      options.allow = false;
      onComplete({ ...model.data });
    };
    model.onValueChanged.add(changed);
    model.onCurrentPageChanged.add(changed);
    model.onCompleting.add(completing);
    return () => {
      model.onValueChanged.remove(changed);
      model.onCurrentPageChanged.remove(changed);
      model.onCompleting.remove(completing);
    };
  }, [model, onChange, onComplete]);

  return <Survey model={model} />;
}

import { useEffect, useMemo } from "react";
import { Model } from "survey-core";
import "#app/features/surveys/localization.ts";
import "survey-core/survey-core.fontless.min.css";
import { Survey } from "survey-react-ui";

export interface SurveyFormProps {
  definition: object;
  answers: Record<string, unknown>;
  page: number;
  language: string;
  readOnly: boolean;
  /** Bumped to load answers from outside (a conflict resolved, another device's save). */
  answersKey: number;
  onChange: (answers: Record<string, unknown>, page: number) => void;
  onComplete: (answers: Record<string, unknown>) => void;
}

/**
 * The SurveyJS form, rendered in the browser only (it is loaded after hydration). It reports
 * every change and the page shown; the page decides what to save and when.
 */
export default function SurveyForm({ definition, answers, page, language, readOnly, answersKey, onChange, onComplete }: SurveyFormProps) {
  const model = useMemo(() => {
    const survey = new Model(definition);
    survey.locale = language === "en" ? "" : language;
    survey.data = answers;
    survey.showCompletedPage = false;
    // The progress bar names each page, so that one sees where one is and what is left.
    survey.progressBarShowNavigationText = true;
    if (page > 0 && page < survey.visiblePages.length) survey.currentPageNo = page;
    return survey;
    // The model is rebuilt only for another survey, language or set of answers loaded from outside.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition, language, answersKey]);

  // Switching to read-only (a conflict, a closing) keeps the form as it is on the screen.
  useEffect(() => {
    model.mode = readOnly ? "display" : "edit";
  }, [model, readOnly]);

  useEffect(() => {
    const changed = () => onChange({ ...model.data }, model.currentPageNo);
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

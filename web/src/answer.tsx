import type { Ref } from 'preact';
import { OptionCard } from './cards';
import type { ReferralPlanQuery } from './generated/graphql';
import { formatDate, nameIn, useI18n } from './i18n';
import { PlanTimeline } from './plan';

/** The referral answer and its plan, with when it was received (the data's "as of" time). */
export type AnswerData = ReferralPlanQuery['referralPlan'] & { receivedAt: string };

/**
 * The answer in the form's place: the way back to the form and the printout first, then the
 * guidance, the places (each with its call button near the top), the needs nothing in the area
 * meets and the one view of what comes after (the plan). The printout adds the date, the data's
 * "as of" time and room for notes, and leaves out everything about the person.
 */
export function Answer({
  data,
  headingRef,
  busy,
  failure,
  onEdit,
}: {
  data: AnswerData;
  headingRef: Ref<HTMLHeadingElement>;
  busy: boolean;
  failure: string | null;
  onEdit: () => void;
}) {
  const { lang, t } = useI18n();
  const answer = data.referral;
  const asOf = formatDate(lang, data.receivedAt) ?? '';
  return (
    <div class="result" id="result" aria-busy={busy}>
      <div class="result-bar no-print">
        <button type="button" id="edit-input" class="secondary" onClick={onEdit}>
          {t.editInput}
        </button>
        <button
          type="button"
          id="print-plan"
          class="secondary"
          aria-describedby="print-hint"
          onClick={() => window.print()}
        >
          {t.print}
        </button>
      </div>
      <div class="print-head print-only">
        <p class="print-title">{t.printTitle}</p>
        <p>
          {t.printedAt(formatDate(lang, new Date().toISOString()) ?? '')} · {t.dataAsOf(asOf)}
        </p>
      </div>
      <h1 id="result-title" tabIndex={-1} ref={headingRef}>
        {t.resultTitle}
      </h1>
      <p class="result-place no-print">
        {answer.municipality ? t.resultFor(answer.municipality.name) : t.resultNoPlace}
        {' · '}
        {t.hits(answer.options.length)}
      </p>
      {failure && (
        <div class="alert" role="alert">
          {failure}
        </div>
      )}
      {answer.guidance.length > 0 && (
        <section class="guidance" aria-labelledby="guidance-title">
          <h2 id="guidance-title">{t.guidance}</h2>
          <ul>
            {answer.guidance.map((g) => (
              <li
                key={g.code}
                // The interpreter's advice names the person's language: never on paper.
                class={`guidance-${g.code.toLowerCase()}${g.code === 'INTERPRETER' ? ' no-print' : ''}`}
                data-code={g.code}
              >
                {g.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="options-title">
        <h2 id="options-title" class="sr-only">
          {t.options}
        </h2>
        {answer.options.length === 0 ? (
          <p>{t.noOptions}</p>
        ) : (
          <ol class="options">
            {answer.options.map((option) => (
              <li key={option.service.id}>
                <OptionCard option={option} headingLevel={3} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {answer.unmetNeeds.length > 0 && (
        <section aria-labelledby="unmet-title" class="unmet">
          <h2 id="unmet-title">{t.unmetNeeds}</h2>
          <ul class="plain">
            {answer.unmetNeeds.map((unmet) => (
              <li key={unmet.need.code}>
                <p class="unmet-need">
                  <strong>{nameIn(lang, unmet.need)}</strong>
                  {unmet.nearest ? `: ${t.nearest}` : `: ${t.noneAnywhere}`}
                </p>
                {unmet.nearest && <OptionCard option={unmet.nearest} headingLevel={3} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PlanTimeline phases={data.phases} />
      <p class="hint no-print" id="print-hint">
        {t.printHint}
      </p>
      <section class="notes print-only" aria-label={t.notes}>
        <p class="notes-title">{t.notes}</p>
        <div class="notes-lines" />
        <p class="hint">{t.printNoPerson}</p>
      </section>
    </div>
  );
}

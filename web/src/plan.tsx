import { AvailabilityBadge, Tel } from './cards';
import type { OptionFieldsFragment, ReferralPlanQuery } from './generated/graphql';
import { nameIn, useI18n } from './i18n';

export type PlanPhases = ReferralPlanQuery['referralPlan']['phases'];
type Step = PlanPhases[number]['steps'][number];

/** One place for a step: name, type, availability and how to call; nothing about the person. */
function PlanOption({ option }: { option: OptionFieldsFragment }) {
  const { lang, t } = useI18n();
  const { service } = option;
  return (
    <>
      <p class="plan-option-name">
        <strong>{service.name}</strong>{' '}
        <span class="type">
          {nameIn(lang, service.type)}
          {service.municipality && <span class="located">{` · ${service.municipality.name}`}</span>}
        </span>
      </p>
      <p class="badges">
        <AvailabilityBadge availability={option.availability} capacity={service.capacity} />
        {service.contact.phone && (
          <span class="plan-phone">
            <Tel phone={service.contact.phone} label={t.call(service.contact.phone)} />
          </span>
        )}
      </p>
    </>
  );
}

/**
 * The person's own municipality for a need every municipality meets by law, after the listed
 * places as the API orders them. Its text names the municipality, which tells where she lives, so
 * the printout has the same service without the name.
 */
function MunicipalServiceOption({ service }: { service: NonNullable<Step['municipalService']> }) {
  const { t } = useI18n();
  return (
    <li class="plan-option municipal-service" data-kind={service.kind}>
      <p class="plan-option-name no-print">
        <strong>{service.text}</strong>
      </p>
      <p class="plan-option-name print-only">
        <strong>{t.municipalServicePrint[service.kind]}</strong>
      </p>
    </li>
  );
}

/**
 * A step the plan has only because the person speaks another language: on paper it would say so,
 * and the printout holds nothing about the person.
 */
const LANGUAGE_STEPS = new Set(['danish-language']);

function PlanStep({ step, id }: { step: Step; id: string }) {
  const { lang, t } = useI18n();
  const need = nameIn(lang, step.need);
  const municipal = step.municipalService;
  return (
    <li
      class={LANGUAGE_STEPS.has(step.need.code) ? 'plan-step no-print' : 'plan-step'}
      data-need={step.need.code}
    >
      <h4 id={id}>{need}</h4>
      <p class="plan-reason">{step.reason}</p>
      {step.options.length === 0 && !municipal ? (
        <p class="hint">{t.noStepOptions}</p>
      ) : (
        <ol class="plain plan-options" aria-label={t.stepOptions(need)}>
          {step.options.map((option) => (
            <li key={option.service.id} class="plan-option" data-service-id={option.service.id}>
              <PlanOption option={option} />
              {option.availability === 'FULL' && option.ifFull.length > 0 && (
                <div class="if-full">
                  <p class="minor" id={`${id}-full-${option.service.id}`}>
                    {t.ifFull}
                  </p>
                  <ol class="plain" aria-labelledby={`${id}-full-${option.service.id}`}>
                    {option.ifFull.map((alternative) => (
                      <li
                        key={alternative.service.id}
                        class="plan-alternative"
                        data-service-id={alternative.service.id}
                      >
                        <PlanOption option={alternative} />
                      </li>
                    ))}
                  </ol>
                </div>
              )}
            </li>
          ))}
          {municipal && <MunicipalServiceOption service={municipal} />}
        </ol>
      )}
    </li>
  );
}

/**
 * What comes after, as one timeline: the phases in order, each with its steps and their first
 * places (the only place the follow-up needs are shown, so nothing is listed twice).
 */
export function PlanTimeline({ phases }: { phases: PlanPhases }) {
  const { t } = useI18n();
  if (phases.length === 0) {
    return null;
  }
  return (
    <section class="plan" aria-labelledby="plan-title">
      <h2 id="plan-title">{t.planTitle}</h2>
      <p class="hint">{t.planIntro}</p>
      <ol class="timeline">
        {phases.map((phase) => (
          <li key={phase.phase} class="plan-phase" data-phase={phase.phase}>
            <h3 id={`phase-${phase.phase}`}>{t.phases[phase.phase]}</h3>
            <ol class="plain plan-steps" aria-labelledby={`phase-${phase.phase}`}>
              {phase.steps.map((step) => (
                <PlanStep
                  key={step.need.code}
                  step={step}
                  id={`step-${phase.phase}-${step.need.code}`}
                />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

import type { OptionFieldsFragment } from './generated/graphql';
import { FlagListing } from './flag';
import { nameIn, useI18n } from './i18n';

/** A phone number as a tel: link (spaces dropped from the link, kept in the text). */
export function Tel({
  phone,
  label,
  big = false,
}: {
  phone: string;
  label?: string;
  big?: boolean;
}) {
  return (
    <a href={`tel:${phone.replace(/\s+/g, '')}`} class={big ? 'call' : undefined}>
      {label ?? phone}
    </a>
  );
}

export type AvailabilityValue = OptionFieldsFragment['availability'];

export function AvailabilityBadge({
  availability,
  capacity,
}: {
  availability: AvailabilityValue;
  capacity: OptionFieldsFragment['service']['capacity'];
}) {
  const { t } = useI18n();
  if (availability === 'NO_PLACES') {
    // a service without places (counselling, a rape centre, legal aid): nothing to say
    return null;
  }
  const text =
    availability === 'AVAILABLE' &&
    typeof capacity?.freePlaces === 'number' &&
    typeof capacity.totalPlaces === 'number'
      ? t.freePlaces(capacity.freePlaces, capacity.totalPlaces)
      : t.availability[availability];
  return <span class={`badge availability-${availability.toLowerCase()}`}>{text}</span>;
}

/**
 * One referral option, in the order a caller needs it: name, places, the call button; then what
 * it is, why and what to do. Why (reasons), coverage and distance speak of the person's place and
 * language, so the printout leaves them out.
 */
export function OptionCard({
  option,
  headingLevel = 3,
}: {
  option: OptionFieldsFragment;
  headingLevel?: 3 | 4 | 5;
}) {
  const { lang, t } = useI18n();
  const { service } = option;
  const Heading = headingLevel === 3 ? 'h3' : headingLevel === 4 ? 'h4' : 'h5';
  return (
    <article class="card option" data-service-id={service.id}>
      <Heading class="card-title">
        <span class="rank">{t.rank(option.rank)}</span> {service.name}
      </Heading>
      <p class="badges">
        <AvailabilityBadge availability={option.availability} capacity={service.capacity} />
        <span class="badge coverage">{t.coverage[option.coverage]}</span>
        {option.distanceKm !== null && (
          <span class="badge distance">{t.distance(option.distanceKm)}</span>
        )}
        {service.demo && <span class="badge demo">{t.demoBadge}</span>}
      </p>
      {service.contact.phone && (
        <p class="contact">
          <Tel phone={service.contact.phone} label={t.call(service.contact.phone)} big />
        </p>
      )}
      {service.contact.professionalPhone && (
        <p class="professional">
          <Tel
            phone={service.contact.professionalPhone}
            label={t.professionalLine(service.contact.professionalPhone)}
          />
        </p>
      )}
      <p class="type">
        {nameIn(lang, service.type)}
        {service.municipality && <span class="located">{` · ${service.municipality.name}`}</span>}
      </p>
      {option.reasons.length > 0 && (
        <div class="reasons">
          <p class="minor">{t.why}</p>
          <ul>
            {option.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {option.nextSteps.length > 0 && (
        <div class="next-steps">
          <p class="minor">{t.nextSteps}</p>
          <ol>
            {option.nextSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      )}
      <p class="more no-print">
        <a href={`/tilbud/${encodeURIComponent(service.id)}${lang === 'en' ? '?lang=en' : ''}`}>
          {t.moreAbout(service.name)}
        </a>
      </p>
      <FlagListing serviceId={service.id} name={service.name} />
    </article>
  );
}

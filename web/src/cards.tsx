import type { OptionFieldsFragment } from './generated/graphql';
import { FlagListing } from './flag';
import { nameIn, useI18n } from './i18n';

/** A phone number as a tel: link (spaces dropped from the link, kept in the text). */
export function Tel({ phone, label }: { phone: string; label?: string }) {
  return <a href={`tel:${phone.replace(/\s+/g, '')}`}>{label ?? phone}</a>;
}

export function AvailabilityBadge({
  availability,
  capacity,
}: {
  availability: OptionFieldsFragment['availability'];
  capacity: OptionFieldsFragment['service']['capacity'];
}) {
  const { t } = useI18n();
  const text =
    availability === 'AVAILABLE' &&
    typeof capacity?.freePlaces === 'number' &&
    typeof capacity.totalPlaces === 'number'
      ? t.freePlaces(capacity.freePlaces, capacity.totalPlaces)
      : t.availability[availability];
  return <span class={`badge availability-${availability.toLowerCase()}`}>{text}</span>;
}

/** One referral option: what it is, why, what to do now, how to call. */
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
      <p class="type">
        {nameIn(lang, service.type)}
        {service.municipality ? ` · ${service.municipality.name}` : ''}
      </p>
      <p class="badges">
        <AvailabilityBadge availability={option.availability} capacity={service.capacity} />
        <span class="badge coverage">{t.coverage[option.coverage]}</span>
        {option.distanceKm !== null && (
          <span class="badge distance">{t.distance(option.distanceKm)}</span>
        )}
        {service.demo && <span class="badge demo">{t.demoBadge}</span>}
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
      <p class="contact">
        {service.contact.phone && (
          <Tel phone={service.contact.phone} label={t.call(service.contact.phone)} />
        )}
        {service.contact.professionalPhone && (
          <span class="professional">
            <Tel
              phone={service.contact.professionalPhone}
              label={t.professionalLine(service.contact.professionalPhone)}
            />
          </span>
        )}
      </p>
      <FlagListing serviceId={service.id} name={service.name} />
    </article>
  );
}
